using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Activities.BuiltIn;

public sealed class DelayAndStartAtActivityTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task Delay_TwoDays_WaitsUntilTheClockHasPassedThem()
    {
        var run = await engine.RunAsync(new FlowchartBuilder().Start().Delay("wait", TimeSpan.FromDays(2)).End().Chain("start", "wait", "end"));
        Assert.Equal(FakeClock.DefaultStart.AddDays(2), Assert.Single(engine.Store.Timers).DueAt);

        engine.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(0, await engine.FireDueTimersAsync());
        Assert.Equal(WorkflowStatus.Suspended, (await engine.InstanceAsync(run.InstanceId)).Status);

        engine.Clock.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, await engine.FireDueTimersAsync());
        Assert.Equal(WorkflowStatus.Finished, (await engine.InstanceAsync(run.InstanceId)).Status);
    }

    [Fact]
    public async Task StartAt_FutureMoment_WaitsForIt()
    {
        var at = FakeClock.DefaultStart.AddHours(5);
        var run = await engine.RunAsync(StartingAt(at));

        Assert.Equal(WorkflowStatus.Suspended, run.Status);
        Assert.Equal(at, Assert.Single(engine.Store.Timers).DueAt);

        engine.Clock.SetUtcNow(at);
        await engine.FireDueTimersAsync();

        Assert.Equal(WorkflowStatus.Finished, (await engine.InstanceAsync(run.InstanceId)).Status);
    }

    [Fact]
    public async Task StartAt_PastMoment_ContinuesAtOnce()
    {
        var run = await engine.RunAsync(StartingAt(FakeClock.DefaultStart.AddDays(-1)));

        Assert.Equal(WorkflowStatus.Finished, run.Status);
        Assert.Empty(run.NewBookmarks);
        Assert.Empty(engine.Store.Timers);
    }

    private static FlowchartBuilder StartingAt(DateTimeOffset at) =>
        new FlowchartBuilder().Start().StartAt("at", at).End().Chain("start", "at", "end");
}
