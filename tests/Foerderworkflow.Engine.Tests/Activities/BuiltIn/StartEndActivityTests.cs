using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Activities.BuiltIn;

public sealed class StartEndActivityTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task Start_StartToEnd_FinishesWithoutWaits()
    {
        var run = await engine.RunAsync(new FlowchartBuilder().Start().End().Chain("start", "end"));

        var instance = await engine.InstanceAsync(run.InstanceId);
        Assert.Equal(WorkflowStatus.Finished, instance.Status);
        Assert.Equal(FakeClock.DefaultStart, instance.FinishedAt);
        Assert.Equal(["start", "end"], await engine.PathAsync(run.InstanceId));
        Assert.Empty(await engine.BookmarksAsync(run.InstanceId));
    }

    [Fact]
    public async Task Start_NoStartActivity_BeginsAtActivitiesWithoutInboundConnections()
    {
        var run = await engine.RunAsync(new FlowchartBuilder().SetVariable("first", "Zahl", Expr.Literal("1")).End().Chain("first", "end"));

        Assert.Equal(WorkflowStatus.Finished, run.Status);
        Assert.Equal(["first", "end"], await engine.PathAsync(run.InstanceId));
    }
}
