using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Activities.BuiltIn;

public sealed class FinishActivityTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task Execute_OtherPathWaitingInTheSameBurst_FinishesAndStoresNoWaits()
    {
        var flow = new FlowchartBuilder()
            .Start().Fork("fork", "task", "stop")
            .HumanTask("review", "kuf", "Antrag prüfen", "Genehmigt", dueAt: Expr.Literal(FakeClock.DefaultStart.AddDays(14)))
            .Finish()
            .Chain("start", "fork").Connect("fork", "review", "task").Connect("fork", "finish", "stop");

        var run = await engine.RunAsync(flow);

        Assert.Equal(WorkflowStatus.Finished, run.Status);
        Assert.Empty(await engine.BookmarksAsync(run.InstanceId));
        Assert.Empty(engine.Store.Timers);
        Assert.Empty(engine.Timers.Committed);
    }

    [Fact]
    public async Task Execute_AfterResume_CancelsEveryOtherStoredWait()
    {
        var flow = new FlowchartBuilder()
            .Start().Fork("fork", "task", "withdraw")
            .HumanTask("review", "kuf", "Antrag prüfen", "Genehmigt", dueAt: Expr.Literal(FakeClock.DefaultStart.AddDays(14)))
            .Event("withdrawn", "Zurückgezogen").Finish()
            .Chain("start", "fork").Connect("fork", "review", "task").Connect("fork", "withdrawn", "withdraw").Chain("withdrawn", "finish");
        var run = await engine.RunAsync(flow, correlationId: "antrag-1");

        await engine.Runtime.TriggerEventAsync("Zurückgezogen", "antrag-1");

        var instance = await engine.InstanceAsync(run.InstanceId);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Empty(instance.State.Bookmarks);
        Assert.Empty(await engine.BookmarksAsync(run.InstanceId));
        Assert.Empty(engine.Store.Timers);
    }
}
