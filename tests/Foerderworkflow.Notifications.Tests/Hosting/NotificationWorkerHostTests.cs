using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Foerderworkflow.Notifications.Hosting;
using Foerderworkflow.Notifications.Tests.TestSupport;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace Foerderworkflow.Notifications.Tests.Hosting;

/// <summary>
/// The production shape: the worker as its own host on the real RabbitMQ (a fresh virtual host, as in the messaging
/// tests; <c>FOERDERWORKFLOW_TEST_RABBITMQ</c>), fed by a plain RabbitMQ.Client publisher on the documented exchange,
/// sending to a real aiosmtpd.
/// </summary>
public sealed class NotificationWorkerHostTests : IAsyncLifetime
{
    private const string Variable = "FOERDERWORKFLOW_TEST_RABBITMQ";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private readonly string virtualHost = $"fw-notify-{Guid.NewGuid():N}";
    private Uri amqp = null!;
    private string username = "guest";
    private string password = "guest";

    [Fact]
    public async Task WorkerHost_SendEmailOnTheExchangeTwice_OneMailOverSmtp()
    {
        using var directory = new TempDirectory();
        await using var smtp = await SmtpCatcher.StartAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Messaging:RabbitMq:Host"] = amqp.Host,
            ["Messaging:RabbitMq:Port"] = amqp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Messaging:RabbitMq:VirtualHost"] = virtualHost,
            ["Messaging:RabbitMq:Username"] = username,
            ["Messaging:RabbitMq:Password"] = password,
            ["Notifications:Smtp:Host"] = "127.0.0.1",
            ["Notifications:Smtp:Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Notifications:StatusPageBaseUrl"] = "https://foerderung.example.de/portal",
            ["Notifications:ProcessedMessagesConnectionString"] = $"Data Source={Path.Combine(directory.Path, "notifications.db")}",
        });
        builder.Services.Replace(ServiceDescriptor.Singleton(SharedLogging.Factory));
        builder.AddNotificationWorkerHost();
        var logs = SharedLogging.FromNow();
        using var host = builder.Build();
        await host.StartAsync();
        await host.Services.GetRequiredService<IBusControl>().WaitForHealthStatus(BusHealthStatus.Healthy, Timeout);
        var messageId = Guid.NewGuid();

        await PublishEnvelopeAsync(messageId);
        await Eventually.TrueAsync(() => smtp.Count() == 1, Timeout, "the mail");
        await PublishEnvelopeAsync(messageId);
        await Eventually.TrueAsync(() => logs.Has("EmailDispatcher", 11), Timeout, "the copy skipped");

        var mail = Assert.Single(await smtp.ReadAsync(CancellationToken.None));
        Assert.Equal("Bewilligung Ihres Förderantrags AIF-2026-0042", mail.Subject);
        Assert.Contains("https://foerderung.example.de/portal/antraege/AIF-2026-0042", mail.Text, StringComparison.Ordinal);
        await host.StopAsync();
    }

    public async Task InitializeAsync()
    {
        var url = Environment.GetEnvironmentVariable(Variable);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidOperationException($"{Variable} is not set. Run 'bash ops/test-services.sh start' and set {Variable}=amqp://guest:guest@127.0.0.1:5672/");
        }

        amqp = new Uri(url);
        var credentials = Uri.UnescapeDataString(amqp.UserInfo).Split(':', 2);
        (username, password) = credentials.Length == 2 ? (credentials[0], credentials[1]) : ("guest", "guest");
        using var management = Management();
        (await management.PutAsync(new Uri($"api/vhosts/{virtualHost}", UriKind.Relative), Json("{}"))).EnsureSuccessStatusCode();
        (await management.PutAsync(new Uri($"api/permissions/{virtualHost}/{Uri.EscapeDataString(username)}", UriKind.Relative), Json("""{"configure":".*","write":".*","read":".*"}"""))).EnsureSuccessStatusCode();
    }

    public async Task DisposeAsync()
    {
        if (amqp is null)
        {
            return;
        }

        using var management = Management();
        using (await management.DeleteAsync(new Uri($"api/vhosts/{virtualHost}", UriKind.Relative)))
        {
        }
    }

    /// <summary>What the server's publisher puts on the wire (docs/messages.md), sent with plain RabbitMQ.Client.</summary>
    private async Task PublishEnvelopeAsync(Guid messageId)
    {
        var factory = new ConnectionFactory { HostName = amqp.Host, Port = amqp.Port, VirtualHost = virtualHost, UserName = username, Password = password };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true));
        var envelope = new
        {
            messageId,
            messageType = new[] { "urn:message:foerderworkflow:SendEmail" },
            message = Samples.Approval(),
            sentTime = new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero),
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(envelope, Web);
        var properties = new BasicProperties { ContentType = "application/vnd.masstransit+json", MessageId = messageId.ToString(), Persistent = true };
        await channel.BasicPublishAsync("foerderworkflow:SendEmail", "", mandatory: true, properties, body);
    }

    private HttpClient Management()
    {
        var client = new HttpClient { BaseAddress = new Uri(Environment.GetEnvironmentVariable(Variable + "_MANAGEMENT") ?? $"http://{amqp.Host}:15672/"), Timeout = TimeSpan.FromSeconds(30) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{username}:{password}")));
        return client;
    }

    private static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");
}
