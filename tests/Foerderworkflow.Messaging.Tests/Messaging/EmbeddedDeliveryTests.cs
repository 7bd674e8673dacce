using System.Text.Json;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Messaging.Tests.TestSupport;
using Foerderworkflow.Notifications.Tests.TestSupport;
using Foerderworkflow.Server.Messaging;
using MassTransit;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Foerderworkflow.Messaging.Tests.Messaging;

/// <summary>
/// The embedded default (notification and accounting workers hosted in the server, no broker) delivers at least once: a publish returns only after the hosted consumer finished its
/// effect, and what a consumer gives up on is kept durably as a dead letter that an operator can move back.
/// </summary>
public sealed class EmbeddedDeliveryTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "fw-embedded-delivery-" + Guid.NewGuid().ToString("N"));

    private string Mail => Path.Combine(directory, "mail");

    [Fact]
    public async Task PublishAsync_SendEmail_ReturnsOnlyOnceTheEmlIsWritten()
    {
        await using var app = await EmbeddedMessagingHost.StartAsync(directory);
        var outbox = Email("AIF-2026-0001");

        await PublishAsync(app, outbox);

        // No waiting: the relay marks the row sent when this returns, so the e-mail must exist by then.
        var eml = await File.ReadAllTextAsync(Path.Combine(Mail, Guid.Parse(outbox.Id).ToString("D") + ".eml"));
        Assert.Contains("Message-ID: <" + outbox.Id + "@foerderworkflow>", eml, StringComparison.Ordinal);
        Assert.Contains("To: verein@example.org", eml, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(Mail, "*", SearchOption.AllDirectories), f => !f.EndsWith(".eml", StringComparison.Ordinal));
        await app.StopAsync();
    }

    [Fact]
    public async Task PublishAsync_PickupDirectoryUnwritable_KeepsADeadLetterThatSurvivesARestartAndCanBeMovedBack()
    {
        // Root may write anywhere, so "unwritable" is a file where the directory should be.
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Mail, "kein Verzeichnis");
        var outbox = Email("AIF-2026-0002");
        await using (var app = await EmbeddedMessagingHost.StartAsync(directory, QuickRetry))
        {
            await PublishAsync(app, outbox);

            var letter = Assert.Single(await app.Services.GetRequiredService<IDeadLetterStore>().ListAsync(null, 10, CancellationToken.None));
            Assert.Equal((outbox.Id, "send-email", nameof(SendEmail), outbox.CorrelationId, 1), (letter.MessageId, letter.Queue, letter.MessageType, letter.CorrelationId, letter.Failures));
            Assert.Equal(HealthStatus.Degraded, (await app.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "dead-letters")).Status);
            await app.StopAsync();
        }

        File.Delete(Mail);
        await using (var restarted = await EmbeddedMessagingHost.StartAsync(directory, QuickRetry))
        {
            var result = await restarted.Services.GetRequiredService<DeadLetterRequeue>().RequeueAsync("send-email", 10, CancellationToken.None);

            Assert.Equal((1, 0u), (result.Moved, result.Remaining));
            Assert.True(File.Exists(Path.Combine(Mail, Guid.Parse(outbox.Id).ToString("D") + ".eml")));
            Assert.Equal(0, await restarted.Services.GetRequiredService<IDeadLetterStore>().CountAsync(CancellationToken.None));
            Assert.Equal(HealthStatus.Healthy, (await restarted.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync(c => c.Name == "dead-letters")).Status);
            await restarted.StopAsync();
        }
    }

    [Fact]
    public async Task Requeue_ConsumerStillFails_LetterStaysWithOneFailureMore()
    {
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(Mail, "kein Verzeichnis");
        var outbox = Email("AIF-2026-0003");
        await using var app = await EmbeddedMessagingHost.StartAsync(directory, QuickRetry);
        await PublishAsync(app, outbox);

        var result = await app.Services.GetRequiredService<DeadLetterRequeue>().RequeueAsync(null, 10, CancellationToken.None);

        Assert.Equal((0, 1u), (result.Moved, result.Remaining));
        Assert.Equal(2, Assert.Single(await app.Services.GetRequiredService<IDeadLetterStore>().ListAsync("send-email", 10, CancellationToken.None)).Failures);
        await app.StopAsync();
    }

    [Fact]
    public async Task PublishAsync_NoContractFits_KeepsADeadLetterOfTheParkingQueueInsteadOfBlocking()
    {
        await using var app = await EmbeddedMessagingHost.StartAsync(directory);
        var outbox = OutboxDatabase.Message("instance-1", "A-9", "AntragVerschollen", new System.Text.Json.Nodes.JsonObject { ["text"] = "Grüße" });

        await PublishAsync(app, outbox);

        var letter = Assert.Single(await app.Services.GetRequiredService<IDeadLetterStore>().ListAsync(null, 10, CancellationToken.None));
        Assert.Equal((app.Services.GetRequiredService<MessagingOptions>().ParkingQueue, "AntragVerschollen"), (letter.Queue, letter.MessageType));
        await app.StopAsync();
    }

    // An async method of its own: resolving MassTransit's mediator sets its log context in the caller's async flow, and a
    // host started later in the same flow would log through the stopped host's disposed logger factory.
    private static async Task PublishAsync(WebApplication app, OutboxMessage message) =>
        await app.Services.GetRequiredService<IMessagePublisher>().PublishAsync(message, CancellationToken.None);

    private static readonly Dictionary<string, string?> QuickRetry = new()
    {
        ["Notifications:Retry:Limit"] = "1",
        ["Notifications:Retry:MinInterval"] = "00:00:00.010",
        ["Notifications:Retry:MaxInterval"] = "00:00:00.020",
        ["Notifications:Retry:IntervalDelta"] = "00:00:00.010",
    };

    private static OutboxMessage Email(string applicationId)
    {
        var command = new SendEmail
        {
            ApplicationId = applicationId,
            Fund = "Aktions- und Initiativfonds",
            BudgetYear = 2026,
            RequestedAt = new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero),
            To = "verein@example.org",
            Template = "Abschluss",
            Values = new Dictionary<string, string>(),
        };
        return new OutboxMessage(NewId.NextGuid().ToString(), "instance-1", applicationId, nameof(SendEmail),
            JsonSerializer.SerializeToNode(command, MassTransitMessagePublisher.PayloadJson)!.AsObject(), command.RequestedAt);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
