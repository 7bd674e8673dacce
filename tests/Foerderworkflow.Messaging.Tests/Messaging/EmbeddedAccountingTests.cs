using System.Text.Json;
using Foerderworkflow.Accounting.Ledger;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Messaging.Tests.TestSupport;
using Foerderworkflow.Notifications.Tests.TestSupport;
using Foerderworkflow.Server.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Messaging.Tests.Messaging;

/// <summary>The embedded default: the server hosts the accounting worker on the in-memory bus; an approval is booked once.</summary>
public sealed class EmbeddedAccountingTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "fw-embedded-ledger-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task AddMessaging_InMemory_HostsTheAccountingWorker_ApprovalBookedOnceEvenWhenSentTwice()
    {
        await using var app = await EmbeddedMessagingHost.StartAsync(directory);
        var outbox = OutboxDatabase.Message("instance-1", "A-1", nameof(ApplicationApproved),
            JsonSerializer.SerializeToNode(Samples.Approved("A-1", 2_500m), MassTransitMessagePublisher.PayloadJson)!.AsObject());
        var publisher = app.Services.GetRequiredService<IMessagePublisher>();
        var ledger = app.Services.GetRequiredService<LedgerStore>();

        await publisher.PublishAsync(outbox, CancellationToken.None);
        await publisher.PublishAsync(outbox, CancellationToken.None);
        await Eventually.TrueAsync(async () => (await ledger.BookingsAsync("A-1", CancellationToken.None)).Count > 0, TimeSpan.FromSeconds(30), "the booking");
        await Eventually.TrueAsync(async () => await ledger.CountUnsentAsync(CancellationToken.None) == 0, TimeSpan.FromSeconds(30), "BookingRecorded published");

        var booking = Assert.Single(await ledger.BookingsAsync("A-1", CancellationToken.None));
        Assert.Equal((BookingKinds.Commitment, 250_000L, Guid.Parse(outbox.Id)), booking);
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
