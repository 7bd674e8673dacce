using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Messaging.Tests.TestSupport;
using Foerderworkflow.Notifications.Tests.TestSupport;
using Foerderworkflow.Server.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Messaging.Tests.Messaging;

/// <summary>The embedded default: the server hosts the notification worker on the in-memory bus and writes .eml files.</summary>
public sealed class EmbeddedNotificationTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "fw-embedded-mail-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AddMessaging_InMemory_HostsTheNotificationWorker_SendEmailBecomesAnEmlFile()
    {
        await using var app = await EmbeddedMessagingHost.StartAsync(directory);
        var command = new SendEmail
        {
            ApplicationId = "AIF-2026-0042",
            Fund = "Aktions- und Initiativfonds",
            BudgetYear = 2026,
            RequestedAt = new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero),
            To = "verein@example.org",
            Template = "Abschluss",
            Values = new Dictionary<string, string>(),
        };
        var outbox = new Engine.Runtime.OutboxMessage(NewId.NextGuid().ToString(), "instance-1", "AIF-2026-0042", nameof(SendEmail),
            JsonSerializer.SerializeToNode(command, MassTransitMessagePublisher.PayloadJson)!.AsObject(), command.RequestedAt);

        await app.Services.GetRequiredService<IMessagePublisher>().PublishAsync(outbox, CancellationToken.None);

        // The pickup transport creates the file before it writes it: wait for the whole message, not just the file.
        await Eventually.TrueAsync(
            () => Directory.Exists(Path.Combine(directory, "mail")) && Directory.GetFiles(Path.Combine(directory, "mail"), "*.eml") is [var file] && System.Text.RegularExpressions.Regex.IsMatch(File.ReadAllText(file), @"\r?\n--[^\r\n]+--\s*$"),
            TimeSpan.FromSeconds(30),
            "the whole .eml file");

        var eml = await File.ReadAllTextAsync(Assert.Single(Directory.GetFiles(Path.Combine(directory, "mail"), "*.eml")));
        Assert.Contains("Message-ID: <" + outbox.Id + "@foerderworkflow>", eml, StringComparison.Ordinal);
        Assert.Contains("To: verein@example.org", eml, StringComparison.Ordinal);
        await app.StopAsync();
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
