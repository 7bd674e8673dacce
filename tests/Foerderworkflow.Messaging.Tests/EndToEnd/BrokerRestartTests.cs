using Foerderworkflow.Messaging.Tests.TestSupport;
using Foerderworkflow.Notifications.Tests.TestSupport;
using Foerderworkflow.Testing;

namespace Foerderworkflow.Messaging.Tests.EndToEnd;

/// <summary>
/// Issue 4's "broker stopped mid-run", taken literally: a RabbitMQ node of the test's own (the shared one serves the
/// other tests in parallel) halts while approvals are committed and boots again on the same data; what it had accepted
/// (durable queues, persistent messages) and what the outbox kept arrives afterwards, nothing lost, nothing twice.
/// </summary>
public sealed class BrokerRestartTests : IAsyncLifetime
{
    private PrivateRabbitMqNode node = null!;

    public async Task InitializeAsync() => node = await PrivateRabbitMqNode.StartNewAsync();

    public async Task DisposeAsync() => await node.DisposeAsync();

    [Fact]
    public async Task BrokerStoppedMidRun_EverythingArrivesAfterItRestarts_NothingLostNothingTwice()
    {
        await using var system = await FundingSystem.StartAsync(node.Broker);
        var applications = Enumerable.Range(1, 12).Select(i => $"S-{i}").ToList();
        foreach (var application in applications.Take(4))
        {
            await system.ApproveAsync(application);
        }

        await Eventually.TrueAsync(() => system.BookingsOf("S-1").Count == 1, FundingSystem.Patience, "the first booking");
        await node.StopAsync();
        foreach (var application in applications.Skip(4))
        {
            await system.ApproveAsync(application);
        }

        // No broker, no publishing: the server's relay keeps the rows in the outbox and keeps retrying.
        await Eventually.TrueAsync(async () => (await system.Store.FetchPendingMessagesAsync(100)).Count > 0, FundingSystem.Patience, "a backlog while the broker is down");
        await node.StartAsync();

        await system.AssertEachArrivedOnceAsync(applications, "after the broker restarted");
    }
}
