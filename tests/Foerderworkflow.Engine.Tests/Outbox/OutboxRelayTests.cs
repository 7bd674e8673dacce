using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Outbox;

public sealed class OutboxRelayTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly EngineFixture engine = new();
    private readonly RecordingMessagePublisher transport = new();
    private readonly OutboxRelay relay;
    private readonly CancellationTokenSource stop = new();

    public OutboxRelayTests() => relay = new OutboxRelay(engine.Store, transport, engine.Clock);

    public void Dispose()
    {
        stop.Dispose();
        relay.Dispose();
        transport.Dispose();
        engine.Dispose();
    }

    [Fact]
    public async Task DeliverPendingAsync_CommittedMessages_DeliversInCommitOrderAndMarksThemSent()
    {
        await PublishAsync("Erste", "Zweite", "Dritte");

        Assert.Equal(3, await relay.DeliverPendingAsync(CancellationToken.None));

        Assert.Equal(["Erste", "Zweite", "Dritte"], transport.Accepted.Select(m => m.MessageType));
        Assert.Empty(await engine.Store.FetchPendingMessagesAsync(10));
        Assert.Equal(0, await relay.DeliverPendingAsync(CancellationToken.None));
    }

    [Fact]
    public async Task DeliverPendingAsync_TransportFailsOnTheSecond_MarksOnlyTheFirstSentAndRethrows()
    {
        await PublishAsync("Erste", "Zweite", "Dritte");
        var broken = new InvalidOperationException("Broker weg");
        transport.FailOn("Zweite", broken);

        Assert.Same(broken, await Record.ExceptionAsync(() => relay.DeliverPendingAsync(CancellationToken.None)));

        Assert.Equal(["Erste"], transport.Accepted.Select(m => m.MessageType));
        Assert.Equal(["Zweite", "Dritte"], (await engine.Store.FetchPendingMessagesAsync(10)).Select(m => m.Message.MessageType));
        Assert.Equal(2, relay.Backlog);
    }

    [Fact]
    public async Task DeliverPendingAsync_AfterAFailure_ContinuesWhereItStoppedInOrder()
    {
        await PublishAsync("Erste", "Zweite", "Dritte");
        transport.FailOn("Zweite", new InvalidOperationException("Broker weg"));
        await Record.ExceptionAsync(() => relay.DeliverPendingAsync(CancellationToken.None));

        Assert.Equal(2, await relay.DeliverPendingAsync(CancellationToken.None));

        Assert.Equal(["Erste", "Zweite", "Dritte"], transport.Accepted.Select(m => m.MessageType));
        Assert.Equal(0, relay.Backlog);
    }

    [Fact]
    public async Task RunAsync_SignalledAfterACommit_DeliversWithoutWaitingForThePoll()
    {
        var running = await StartSleepingAsync();

        await PublishAsync("AntragEingegangen");
        relay.OnMessagesCommitted();

        await transport.WaitForAsync(1, Patience);
        await StopAsync(running);
    }

    [Fact]
    public async Task RunAsync_NotSignalled_DeliversAtTheNextPoll()
    {
        var running = await StartSleepingAsync();
        await PublishAsync("VonAnderemServer");

        engine.Clock.Advance(OutboxRelay.PollInterval);

        await transport.WaitForAsync(1, Patience);
        await StopAsync(running);
    }

    [Theory]
    [InlineData(typeof(InvalidOperationException))]
    [InlineData(typeof(TaskCanceledException))]
    [InlineData(typeof(TimeoutException))]
    public async Task RunAsync_TransportFailsOnce_BacksOffAndDeliversLater(Type failure)
    {
        await PublishAsync("AntragEingegangen");
        transport.FailNext((Exception)Activator.CreateInstance(failure, "Broker antwortet nicht")!);
        var armed = engine.Clock.WhenTimerArmedAsync();
        var running = relay.RunAsync(stop.Token);
        await armed.WaitAsync(Patience);
        Assert.Empty(transport.Accepted);

        engine.Clock.Advance(TimeSpan.FromSeconds(1));

        await transport.WaitForAsync(1, Patience);
        await StopAsync(running);
    }

    private async Task PublishAsync(params string[] messageTypes)
    {
        var flow = new FlowchartBuilder().Start();
        var previous = "start";
        foreach (var (type, index) in messageTypes.Select((t, i) => (t, i)))
        {
            flow.PublishMessage($"m{index}", type).Connect(previous, $"m{index}");
            previous = $"m{index}";
        }

        await engine.RunAsync(flow);
    }

    /// <summary>Runs the relay until it has delivered what is pending and sleeps on the clock.</summary>
    private async Task<Task> StartSleepingAsync()
    {
        var armed = engine.Clock.WhenTimerArmedAsync();
        var running = relay.RunAsync(stop.Token);
        await armed.WaitAsync(Patience);
        return running;
    }

    private async Task StopAsync(Task running)
    {
        await stop.CancelAsync();
        var error = await Record.ExceptionAsync(() => running.WaitAsync(Patience));
        Assert.True(error is null or OperationCanceledException, error?.ToString());
    }
}
