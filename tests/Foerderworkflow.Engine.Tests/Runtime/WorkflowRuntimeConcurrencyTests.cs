using Foerderworkflow.Engine.Activities.BuiltIn;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Runtime;

/// <summary>Two requests for one instance at once: the store's commit decides, the runtime re-runs or refuses.</summary>
public sealed class WorkflowRuntimeConcurrencyTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task ResumeAsync_OtherBookmarkOfTheInstanceCommittedFirst_RunsAgainOnTheFreshState()
    {
        var run = await engine.RunAsync(TwoEventsIntoWaitAll(), correlationId: "antrag-1");
        var documents = await engine.BookmarkAsync(run.InstanceId, "documents");
        var payment = await engine.BookmarkAsync(run.InstanceId, "payment");
        engine.Store.BeforeNextCommit = () => engine.Runtime.ResumeAsync(payment.Id);

        var result = await engine.Runtime.ResumeAsync(documents.Id);

        Assert.Equal(WorkflowStatus.Finished, result.Status);
        Assert.Equal(1, (int?)await engine.VariableAsync(run.InstanceId, "Durchläufe"));
    }

    [Fact]
    public async Task ResumeAsync_SameBookmarkResumedMeanwhile_ThrowsAndCommitsNothing()
    {
        var run = await engine.RunAsync(TwoEventsIntoWaitAll(), correlationId: "antrag-1");
        var documents = await engine.BookmarkAsync(run.InstanceId, "documents");
        engine.Store.BeforeNextCommit = () => engine.Runtime.ResumeAsync(documents.Id);

        await Assert.ThrowsAsync<BookmarkAlreadyConsumedException>(() => engine.Runtime.ResumeAsync(documents.Id));

        Assert.Equal(2, engine.Store.CommitCount);
        Assert.Equal("payment", Assert.Single(await engine.BookmarksAsync(run.InstanceId)).ActivityId);
    }

    [Fact]
    public async Task TriggerEventAsync_EventRaisedTwiceAtOnce_ResumesOnce()
    {
        var run = await engine.RunAsync(TwoEventsIntoWaitAll(), correlationId: "antrag-1");
        Task<IReadOnlyList<RunResult>>? rival = null;
        engine.Store.BeforeNextCommit = () => rival = engine.Runtime.TriggerEventAsync("Unterlagen", "antrag-1");

        var resumed = await engine.Runtime.TriggerEventAsync("Unterlagen", "antrag-1");

        Assert.Equal(1, resumed.Count + (await rival!).Count);
        Assert.Equal(["start", "fork", "documents", "payment", "documents", "join"], await engine.PathAsync(run.InstanceId));
    }

    private static FlowchartBuilder TwoEventsIntoWaitAll() =>
        new FlowchartBuilder()
            .Start().Fork("fork", "docs", "pay").Event("documents", "Unterlagen").Event("payment", "Zahlung").Join("join", JoinMode.WaitAll)
            .SetVariable("count", "Durchläufe", Expr.JavaScript("(variables['Durchläufe'] || 0) + 1"))
            .Chain("start", "fork").Connect("fork", "documents", "docs").Connect("fork", "payment", "pay")
            .Chain("documents", "join").Chain("payment", "join", "count");
}
