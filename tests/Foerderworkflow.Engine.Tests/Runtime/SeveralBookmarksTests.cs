using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Runtime;

/// <summary>An activity waiting on several bookmarks at once: resumed by one it may keep waiting, and it can cancel the rest.</summary>
public sealed class SeveralBookmarksTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task Execute_SeveralRequests_CommitsEveryBookmarkAndATimerPerDueDate()
    {
        var run = await engine.RunAsync(Flow("1,3,5"));

        Assert.Equal(4, (await engine.BookmarksAsync(run.InstanceId)).Count);
        Assert.Equal(3, engine.Store.Timers.Count);
        Assert.Equal(WorkflowStatus.Suspended, run.Status);
    }

    [Fact]
    public async Task ResumedByOneTimer_KeepsWaitingOnTheOthers_AndEachTimerFiresOnce()
    {
        var run = await engine.RunAsync(Flow("1,3,5"));

        engine.Clock.Advance(TimeSpan.FromDays(3));
        Assert.Equal(2, await engine.FireDueTimersAsync());
        Assert.Equal(0, await engine.FireDueTimersAsync());

        Assert.Equal(["1", "3"], engine.Store.Messages.Select(m => m.Payload["day"]!.ToJsonString()));
        Assert.Equal(2, (await engine.BookmarksAsync(run.InstanceId)).Count);
        Assert.Equal(WorkflowStatus.Suspended, (await engine.InstanceAsync(run.InstanceId)).Status);
    }

    [Fact]
    public async Task AnsweredBeforeTheTimers_CancelOwnBookmarks_RemovesTheRestWithTheirTimers()
    {
        var run = await engine.RunAsync(Flow("1,3,5"));
        engine.Clock.Advance(TimeSpan.FromDays(1));
        await engine.FireDueTimersAsync();

        var task = Assert.Single(await engine.BookmarksAsync(run.InstanceId), b => b.Name == RemindedTaskActivity.Type);
        var resumed = await engine.Runtime.ResumeAsync(task.Id);

        Assert.Equal(WorkflowStatus.Finished, resumed.Status);
        Assert.Empty(await engine.BookmarksAsync(run.InstanceId));
        Assert.Empty(engine.Store.Timers);
        engine.Clock.Advance(TimeSpan.FromDays(10));
        Assert.Equal(0, await engine.FireDueTimersAsync());
        Assert.Single(engine.Store.Messages);
    }

    private static FlowchartBuilder Flow(string days) =>
        new FlowchartBuilder()
            .Start()
            .Activity("task", RemindedTaskActivity.Type, ("reminderDays", Expr.Literal(days)))
            .End()
            .Chain("start", "task", "end");
}
