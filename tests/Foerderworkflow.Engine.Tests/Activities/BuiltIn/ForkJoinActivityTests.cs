using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities.BuiltIn;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Activities.BuiltIn;

public sealed class ForkJoinActivityTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task Join_WaitAllAfterOneBranch_KeepsWaiting()
    {
        var run = await engine.RunAsync(TwoEvents(JoinMode.WaitAll), correlationId: "antrag-1");

        await engine.Runtime.TriggerEventAsync("Unterlagen", "antrag-1");

        var instance = await engine.InstanceAsync(run.InstanceId);
        Assert.Equal(WorkflowStatus.Suspended, instance.Status);
        Assert.Null(instance.State.Variables["Durchläufe"]);
        Assert.Equal("payment", Assert.Single(await engine.BookmarksAsync(run.InstanceId)).ActivityId);
    }

    [Fact]
    public async Task Join_WaitAllAfterBothBranches_ContinuesOnce()
    {
        var run = await engine.RunAsync(TwoEvents(JoinMode.WaitAll), correlationId: "antrag-1");

        await engine.Runtime.TriggerEventAsync("Unterlagen", "antrag-1");
        await engine.Runtime.TriggerEventAsync("Zahlung", "antrag-1");

        Assert.Equal(WorkflowStatus.Finished, (await engine.InstanceAsync(run.InstanceId)).Status);
        Assert.Equal(1, (int?)await engine.VariableAsync(run.InstanceId, "Durchläufe"));
    }

    [Fact]
    public async Task Join_WaitAnyAfterFirstBranch_ContinuesAndCancelsTheOtherBranchWithItsTimer()
    {
        var run = await engine.RunAsync(EventOrDeadline(), correlationId: "antrag-1");
        Assert.Single(engine.Store.Timers);

        await engine.Runtime.TriggerEventAsync("Unterlagen", "antrag-1");

        Assert.Equal(WorkflowStatus.Finished, (await engine.InstanceAsync(run.InstanceId)).Status);
        Assert.Equal(1, (int?)await engine.VariableAsync(run.InstanceId, "Durchläufe"));
        Assert.Empty(await engine.BookmarksAsync(run.InstanceId));
        Assert.Empty(engine.Store.Timers);
    }

    [Fact]
    public async Task Join_WaitAnyWhenTheDeadlineFiresFirst_ContinuesAndCancelsTheEvent()
    {
        var run = await engine.RunAsync(EventOrDeadline(), correlationId: "antrag-1");

        engine.Clock.Advance(TimeSpan.FromDays(14));
        await engine.FireDueTimersAsync();

        Assert.Equal(WorkflowStatus.Finished, (await engine.InstanceAsync(run.InstanceId)).Status);
        Assert.Empty(await engine.BookmarksAsync(run.InstanceId));
        Assert.Empty(await engine.Runtime.TriggerEventAsync("Unterlagen", "antrag-1"));
        Assert.Equal(1, (int?)await engine.VariableAsync(run.InstanceId, "Durchläufe"));
    }

    [Fact]
    public async Task Join_WaitAnyWithBothBranchesReadyInOneBurst_ContinuesOnceAndDropsTheOtherBranch()
    {
        var flow = new FlowchartBuilder()
            .Start().Fork("fork", "a", "b").SetVariable("slow", "Langsam", Expr.Literal("ja")).Join("join", JoinMode.WaitAny).Then(Counting)
            .Chain("start", "fork").Connect("fork", "join", "a").Connect("fork", "slow", "b").Chain("slow", "join", "count", "end");

        var run = await engine.RunAsync(flow);

        Assert.Equal(1, (int?)await engine.VariableAsync(run.InstanceId, "Durchläufe"));
        Assert.Null(await engine.VariableAsync(run.InstanceId, "Langsam"));
    }

    [Fact]
    public async Task Fork_ThreeBranches_RunsEachBranch()
    {
        var flow = new FlowchartBuilder()
            .Start().Fork("fork", "a", "b", "c").End("endA").End("endB").End("endC")
            .Chain("start", "fork").Connect("fork", "endA", "a").Connect("fork", "endB", "b").Connect("fork", "endC", "c");

        var run = await engine.RunAsync(flow);

        Assert.Equal(["start", "fork", "endA", "endB", "endC"], await engine.PathAsync(run.InstanceId));
    }

    [Fact]
    public async Task Fork_BranchesAsStudioDynamicOutcomesArray_RunsEachBranch()
    {
        // Elsa Studio's dynamic-outcomes editor stores the port list as an Object expression holding a JSON array.
        var flow = new FlowchartBuilder()
            .Start().Activity("fork", "Elsa.FlowFork", ("branches", Expr.Json(new JsonArray("a", "b")))).End("endA").End("endB")
            .Chain("start", "fork").Connect("fork", "endA", "a").Connect("fork", "endB", "b");

        var run = await engine.RunAsync(flow);

        Assert.Equal(["start", "fork", "endA", "endB"], await engine.PathAsync(run.InstanceId));
    }

    // Durchläufe counts how often the path after the join ran.
    private static FlowchartBuilder Counting(FlowchartBuilder flow) =>
        flow.SetVariable("count", "Durchläufe", Expr.JavaScript("(variables['Durchläufe'] || 0) + 1")).End();

    private static FlowchartBuilder TwoEvents(JoinMode mode) =>
        new FlowchartBuilder()
            .Start().Fork("fork", "docs", "pay").Event("documents", "Unterlagen").Event("payment", "Zahlung").Join("join", mode).Then(Counting)
            .Chain("start", "fork").Connect("fork", "documents", "docs").Connect("fork", "payment", "pay")
            .Chain("documents", "join").Chain("payment", "join", "count", "end");

    private static FlowchartBuilder EventOrDeadline() =>
        new FlowchartBuilder()
            .Start().Fork("fork", "answer", "deadline").Event("documents", "Unterlagen").Delay("wait", TimeSpan.FromDays(14)).Join("join", JoinMode.WaitAny).Then(Counting)
            .Chain("start", "fork").Connect("fork", "documents", "answer").Connect("fork", "wait", "deadline")
            .Chain("documents", "join").Chain("wait", "join", "count", "end");
}
