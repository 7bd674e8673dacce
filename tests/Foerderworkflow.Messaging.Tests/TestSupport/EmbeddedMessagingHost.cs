using Foerderworkflow.Server.Messaging;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Messaging.Tests.TestSupport;

/// <summary>
/// The server's messaging on the embedded default (in-memory bus, notification and accounting workers hosted inside),
/// with every file it writes under <paramref name="directory"/>; started and its bus healthy. <paramref name="settings"/>
/// add to or override the configuration.
/// </summary>
internal static class EmbeddedMessagingHost
{
    public static async Task<WebApplication> StartAsync(string directory, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:Transport"] = "InMemory",
            ["Urls"] = "http://127.0.0.1:0", // not the appsettings' 5080: other hosts (and the other embedded test) use it
            ["Notifications:PickupDirectory"] = Path.Combine(directory, "mail"),
            ["Notifications:ProcessedMessagesConnectionString"] = $"Data Source={Path.Combine(directory, "notifications.db")}",
            ["Accounting:ConnectionString"] = $"Data Source={Path.Combine(directory, "accounting.db")}",
            ["Messaging:DeadLettersConnectionString"] = $"Data Source={Path.Combine(directory, "dead-letters.db")}",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        builder.AddMessaging();
        var app = builder.Build();
        await app.StartAsync();
        await app.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, TimeSpan.FromSeconds(30));
        return app;
    }
}
