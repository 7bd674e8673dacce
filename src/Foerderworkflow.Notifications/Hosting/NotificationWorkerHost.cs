using Foerderworkflow.Messaging;
using Foerderworkflow.Telemetry;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Configuration.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Foerderworkflow.Notifications.Hosting;

/// <summary>The notification worker as a process of its own (production): a MassTransit bus on RabbitMQ with the <c>send-email</c> consumer.</summary>
public static class NotificationWorkerHost
{
    /// <summary>Defaults of the standalone worker; configuration (environment variables, appsettings) overrides them.</summary>
    private static readonly Dictionary<string, string?> Defaults = new()
    {
        ["Messaging:Transport"] = "RabbitMQ",
        ["Notifications:Transport"] = "Smtp",
        ["Notifications:HealthFile"] = "/tmp/foerderworkflow-notifications.healthy",
    };

    public static HostApplicationBuilder AddNotificationWorkerHost(this HostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Configuration.Sources.Insert(0, new MemoryConfigurationSource { InitialData = Defaults });
        builder.AddTelemetry("foerderworkflow-notifications");
        builder.Services.AddHealthFile(builder.Configuration["Notifications:HealthFile"]);
        builder.Services.AddWorkerBus(builder.Configuration, bus => bus.AddNotificationWorker(builder.Configuration));
        return builder;
    }
}
