using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Persistence.Tests.Infrastructure;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Tests;

/// <summary>
/// A failure inside the database transaction, after the bookmark was deleted and the instance updated: a trigger
/// aborts the outbox insert. Nothing of the burst may remain.
/// </summary>
public abstract partial class WorkflowStoreContract
{
    [Fact]
    public async Task ResumeAsync_CommitFailsInsideTransaction_LeavesPreviousStateIntact()
    {
        var messageType = "Crash.OnResume";
        await Fixture.FailOutboxInsertsAsync(messageType);
        var definitionId = TestData.Unique("crash");
        await Fixture.Definitions.PublishAsync(Workflows.GoThenEnd(definitionId, messageType));
        var started = await Runtime.StartAsync(definitionId);
        var bookmark = Assert.Single(started.NewBookmarks);
        var journalBefore = await Fixture.CountAsync("workflow_journal", started.InstanceId);

        var failure = await Assert.ThrowsAnyAsync<Exception>(() => Runtime.ResumeAsync(bookmark.Id));

        Assert.IsNotAssignableFrom<CommitRejectedException>(failure);
        Assert.Contains("injected failure", failure.ToString(), StringComparison.Ordinal);
        var instance = await LoadAsync(started.InstanceId);
        Assert.Equal(1, instance.Version);
        Assert.Equal(WorkflowStatus.Suspended, instance.Status);
        Assert.Null(instance.FinishedAt);
        Assert.NotNull(await Store.FindBookmarkAsync(bookmark.Id));
        Assert.Equal(0, await Fixture.CountAsync("workflow_outbox", started.InstanceId));
        Assert.Equal(journalBefore, await Fixture.CountAsync("workflow_journal", started.InstanceId));
    }

    [Fact]
    public async Task CommitAsync_FailsInsideTransaction_KeepsCallersVersionAndAllowsRetry()
    {
        var messageType = "Crash.OnCommit";
        await Fixture.FailOutboxInsertsAsync(messageType);
        var instance = TestData.Instance();
        var bookmark = TestData.Bookmark(instance);
        var timer = new WorkflowTimer(TestData.Unique("timer"), instance.Id, bookmark.Id, TestData.T0);
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, bookmarks: [bookmark], timers: [timer]));
        var loaded = await LoadAsync(instance.Id);
        loaded.Status = WorkflowStatus.Finished;

        await Assert.ThrowsAnyAsync<Exception>(() => Store.CommitAsync(TestData.Commit(
            loaded, consumed: bookmark.Id, journal: [TestData.Entry(loaded, "wait")], messages: [TestData.Message(loaded, messageType)])));

        Assert.Equal(1, loaded.Version);
        Assert.NotNull(await Store.FindTimerAsync(timer.Id));
        Assert.NotNull(await Store.FindBookmarkAsync(bookmark.Id));

        // The same burst without the failing message commits normally afterwards.
        await Store.CommitAsync(TestData.Commit(loaded, consumed: bookmark.Id, journal: [TestData.Entry(loaded, "wait")], messages: [TestData.Message(loaded)]));
        Assert.Equal(2, loaded.Version);
        Assert.Null(await Store.FindTimerAsync(timer.Id));
        Assert.Equal(WorkflowStatus.Finished, (await LoadAsync(instance.Id)).Status);
    }

    [Fact]
    public async Task StartAsync_CommitFailsInsideTransaction_LeavesNoInstance()
    {
        var messageType = "Crash.OnStart";
        await Fixture.FailOutboxInsertsAsync(messageType);
        var definitionId = TestData.Unique("crash");
        var publishFirst = Workflows.Flowchart(
            definitionId,
            [
                Workflows.Activity("start", "Elsa.Start"),
                Workflows.Activity("publish", "Foerderworkflow.PublishMessage", ("messageType", Workflows.Literal(messageType))),
                Workflows.Activity("wait", "Elsa.Event", ("eventName", Workflows.Literal("Go"))),
            ],
            [Workflows.Connection("start", "publish"), Workflows.Connection("publish", "wait")]);
        await Fixture.Definitions.PublishAsync(publishFirst);

        await Assert.ThrowsAnyAsync<Exception>(() => Runtime.StartAsync(definitionId));

        var listed = await Store.ListInstancesAsync(new InstanceQuery(DefinitionId: definitionId));
        Assert.Equal(0, listed.TotalCount);
        Assert.NotNull(await Store.FindDefinitionAsync(definitionId, VersionSelector.Published));
    }
}
