using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Persistence.Tests.Infrastructure;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Tests;

public abstract partial class WorkflowStoreContract
{
    [Fact]
    public async Task CommitAsync_NewInstance_StoresEveryFieldAndSetsVersionOne()
    {
        var instance = TestData.Instance(correlationId: TestData.Unique("corr"));
        instance.State.LastResult = JsonValue.Create(42);
        var bookmark = TestData.Bookmark(instance);

        await Store.CommitAsync(TestData.Commit(instance, isNew: true, bookmarks: [bookmark]));

        Assert.Equal(1, instance.Version);
        var stored = await LoadAsync(instance.Id);
        Assert.Equal(1, stored.Version);
        Assert.Equal(instance.DefinitionId, stored.DefinitionId);
        Assert.Equal(instance.DefinitionVersionId, stored.DefinitionVersionId);
        Assert.Equal(instance.DefinitionVersion, stored.DefinitionVersion);
        Assert.Equal(instance.CorrelationId, stored.CorrelationId);
        Assert.Equal(WorkflowStatus.Suspended, stored.Status);
        Assert.Equal(TestData.T0, stored.CreatedAt);
        Assert.Equal(TestData.T0, stored.UpdatedAt);
        Assert.Null(stored.FinishedAt);
        Assert.True(JsonNode.DeepEquals(instance.State.Variables, stored.State.Variables));
        Assert.True(JsonNode.DeepEquals(instance.State.Input, stored.State.Input));
        Assert.True(JsonNode.DeepEquals(instance.State.LastResult, stored.State.LastResult));
        Assert.Equal(instance.State.Bookmarks, stored.State.Bookmarks);
        Assert.Equal(instance.State.PendingWork, stored.State.PendingWork);
        Assert.Equal(["c1", "c2"], stored.State.JoinArrivals["join1"]);
        Assert.Null(await Store.FindInstanceAsync("no-such-instance"));
    }

    [Fact]
    public async Task CommitAsync_UpdateAtLoadedVersion_IncrementsVersionAndStoresNewState()
    {
        var instance = await InsertAsync(TestData.Instance());
        var loaded = await LoadAsync(instance.Id);
        loaded.Status = WorkflowStatus.Finished;
        loaded.UpdatedAt = TestData.T0.AddMinutes(5);
        loaded.FinishedAt = TestData.T0.AddMinutes(5);
        loaded.State.Variables["decision"] = "approved";

        await Store.CommitAsync(TestData.Commit(loaded));

        Assert.Equal(2, loaded.Version);
        var stored = await LoadAsync(instance.Id);
        Assert.Equal(2, stored.Version);
        Assert.Equal(WorkflowStatus.Finished, stored.Status);
        Assert.Equal(TestData.T0.AddMinutes(5), stored.UpdatedAt);
        Assert.Equal(TestData.T0.AddMinutes(5), stored.FinishedAt);
        Assert.Equal("approved", stored.State.Variables["decision"]?.GetValue<string>());
    }

    [Fact]
    public async Task CommitAsync_StaleVersion_ThrowsConcurrencyConflictAndWritesNothing()
    {
        var instance = await InsertAsync(TestData.Instance());
        var first = await LoadAsync(instance.Id);
        var second = await LoadAsync(instance.Id);
        await Store.CommitAsync(TestData.Commit(first, journal: [TestData.Entry(first, "a")]));
        second.Status = WorkflowStatus.Faulted;
        var bookmark = TestData.Bookmark(second);

        var conflict = await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Store.CommitAsync(TestData.Commit(
            second,
            bookmarks: [bookmark],
            journal: [TestData.Entry(second, "b")],
            incidents: [TestData.Incident(second)],
            messages: [TestData.Message(second)],
            timers: [new WorkflowTimer(TestData.Unique("timer"), second.Id, bookmark.Id, TestData.T0)])));

        Assert.Equal(instance.Id, conflict.InstanceId);
        Assert.Equal(1, second.Version); // unchanged: the commit failed
        var stored = await LoadAsync(instance.Id);
        Assert.Equal(2, stored.Version);
        Assert.Equal(WorkflowStatus.Suspended, stored.Status);
        Assert.Null(await Store.FindBookmarkAsync(bookmark.Id));
        Assert.Equal(1, await Fixture.CountAsync("workflow_journal", instance.Id));
        Assert.Equal(0, await Fixture.CountAsync("workflow_incidents", instance.Id));
        Assert.Equal(0, await Fixture.CountAsync("workflow_outbox", instance.Id));
        Assert.Equal(0, await Fixture.CountAsync("workflow_timers", instance.Id));
    }

    [Fact]
    public async Task CommitAsync_ConsumedBookmarkAlreadyGone_ThrowsBookmarkAlreadyConsumedAndWritesNothing()
    {
        var instance = TestData.Instance();
        var bookmark = TestData.Bookmark(instance);
        await InsertAsync(instance, bookmark);
        var first = await LoadAsync(instance.Id);
        var second = await LoadAsync(instance.Id);
        await Store.CommitAsync(TestData.Commit(first, consumed: bookmark.Id));

        var rejected = await Assert.ThrowsAsync<BookmarkAlreadyConsumedException>(() => Store.CommitAsync(TestData.Commit(
            second,
            consumed: bookmark.Id,
            journal: [TestData.Entry(second, "wait")],
            messages: [TestData.Message(second)])));

        Assert.Equal(bookmark.Id, rejected.BookmarkId);
        Assert.Equal(2, (await LoadAsync(instance.Id)).Version);
        Assert.Equal(0, await Fixture.CountAsync("workflow_journal", instance.Id));
        Assert.Equal(0, await Fixture.CountAsync("workflow_outbox", instance.Id));
    }

    [Fact]
    public async Task CommitAsync_ConsumedBookmarkOfAnotherInstance_ThrowsBookmarkAlreadyConsumed()
    {
        var owner = TestData.Instance();
        var bookmark = TestData.Bookmark(owner);
        await InsertAsync(owner, bookmark);
        var stranger = await InsertAsync(TestData.Instance());
        var loaded = await LoadAsync(stranger.Id);

        await Assert.ThrowsAsync<BookmarkAlreadyConsumedException>(() => Store.CommitAsync(TestData.Commit(loaded, consumed: bookmark.Id)));

        Assert.NotNull(await Store.FindBookmarkAsync(bookmark.Id));
    }

    [Fact]
    public async Task CommitAsync_ResolveIncidents_ResolvesOpenIncidentsButNotTheNewOnes()
    {
        var instance = TestData.Instance(status: WorkflowStatus.Faulted);
        var old = TestData.Incident(instance);
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, incidents: [old]));
        var retry = await LoadAsync(instance.Id);
        retry.UpdatedAt = TestData.T0.AddHours(1);
        var fresh = TestData.Incident(retry, TestData.T0.AddHours(1));

        await Store.CommitAsync(TestData.Commit(retry, incidents: [fresh], resolveIncidents: true));

        var details = await Store.GetInstanceDetailsAsync(instance.Id);
        Assert.NotNull(details);
        Assert.Equal(2, details.Incidents.Count);
        Assert.Equal(TestData.T0.AddHours(1), details.Incidents.Single(i => i.Id == old.Id).ResolvedAt);
        Assert.Null(details.Incidents.Single(i => i.Id == fresh.Id).ResolvedAt);
        Assert.Equal(fresh, details.Incidents.Single(i => i.Id == fresh.Id));
    }

    [Fact]
    public async Task CommitAsync_RemovedBookmarks_DeletesThemAndKeepsOthers()
    {
        var instance = TestData.Instance();
        var cancelled = TestData.Bookmark(instance);
        var kept = TestData.Bookmark(instance);
        await InsertAsync(instance, cancelled, kept);

        await Store.CommitAsync(TestData.Commit(await LoadAsync(instance.Id), removed: [cancelled.Id]));

        Assert.Null(await Store.FindBookmarkAsync(cancelled.Id));
        Assert.NotNull(await Store.FindBookmarkAsync(kept.Id));
    }

    [Fact]
    public async Task Journal_KeepsWhoDidTheStep_AndNullForTheEngine()
    {
        var instance = TestData.Instance();
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, journal:
            [TestData.Entry(instance, "start"), TestData.Entry(instance, "review", "ToDecision") with { Actor = "Erika Muster (amt)" }]));

        var journal = (await Store.GetInstanceDetailsAsync(instance.Id))!.Journal;

        Assert.Equal([null, "Erika Muster (amt)"], journal.Select(e => e.Actor));
    }

    [Fact]
    public async Task GetInstanceDetails_AfterTwoCommits_ReturnsJournalInOrderAndOpenBookmarks()
    {
        var instance = TestData.Instance();
        var bookmark = TestData.Bookmark(instance, payload: new JsonObject { ["assigneeRole"] = "kuf", ["title"] = "Prüfen" });
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, bookmarks: [bookmark], journal: [TestData.Entry(instance, "start"), TestData.Entry(instance, "review", "Suspended")]));
        var loaded = await LoadAsync(instance.Id);
        await Store.CommitAsync(TestData.Commit(loaded, journal: [TestData.Entry(loaded, "publish", at: TestData.T0.AddSeconds(1))]));

        var details = await Store.GetInstanceDetailsAsync(instance.Id);

        Assert.NotNull(details);
        Assert.Equal(2, details.Instance.Version);
        Assert.Equal(["start", "review", "publish"], details.Journal.Select(e => e.ActivityId));
        Assert.Equal(TestData.Entry(instance, "review", "Suspended"), details.Journal[1]);
        var stored = Assert.Single(details.Bookmarks);
        Assert.Equal(bookmark.Id, stored.Id);
        Assert.Equal(bookmark.Hash, stored.Hash);
        Assert.True(JsonNode.DeepEquals(bookmark.Payload, stored.Payload));
        Assert.Null(await Store.GetInstanceDetailsAsync("no-such-instance"));
    }

    [Fact]
    public async Task ListInstances_Filters_ReturnsMatchingPageAndTotalCount()
    {
        var definitionId = TestData.Unique("def");
        var otherDefinition = TestData.Unique("def");
        var correlation = TestData.Unique("corr");
        var suspended = new List<WorkflowInstance>();
        for (var i = 0; i < 5; i++)
        {
            suspended.Add(await InsertAsync(TestData.Instance(definitionId, WorkflowStatus.Suspended, createdAt: TestData.T0.AddMinutes(i))));
        }

        var finished = await InsertAsync(TestData.Instance(definitionId, WorkflowStatus.Finished, correlation, TestData.T0.AddMinutes(10)));
        await InsertAsync(TestData.Instance(otherDefinition, WorkflowStatus.Suspended, correlation));

        var all = await Store.ListInstancesAsync(new InstanceQuery(DefinitionId: definitionId));
        var page = await Store.ListInstancesAsync(new InstanceQuery(DefinitionId: definitionId, Status: WorkflowStatus.Suspended, Page: 1, PageSize: 2));
        var lastPage = await Store.ListInstancesAsync(new InstanceQuery(DefinitionId: definitionId, Status: WorkflowStatus.Suspended, Page: 2, PageSize: 2));
        var byCorrelation = await Store.ListInstancesAsync(new InstanceQuery(CorrelationId: correlation));
        var narrow = await Store.ListInstancesAsync(new InstanceQuery(DefinitionId: definitionId, CorrelationId: correlation));

        Assert.Equal(6, all.TotalCount);
        Assert.Equal(finished.Id, all.Items[0].Id); // newest first
        Assert.Equal(5, page.TotalCount);
        Assert.Equal([suspended[2].Id, suspended[1].Id], page.Items.Select(i => i.Id));
        Assert.Equal([suspended[0].Id], lastPage.Items.Select(i => i.Id));
        Assert.Equal(2, byCorrelation.TotalCount);
        var summary = Assert.Single(narrow.Items);
        Assert.Equal(new InstanceSummary(finished.Id, definitionId, 3, WorkflowStatus.Finished, correlation, TestData.T0.AddMinutes(10), TestData.T0.AddMinutes(10), TestData.T0.AddMinutes(10)), summary);
    }

    [Fact]
    public async Task CountRunningInstances_MixedStatuses_CountsRunningAndSuspendedPerDefinition()
    {
        var a = TestData.Unique("def");
        var b = TestData.Unique("def");
        var done = TestData.Unique("def");
        await InsertAsync(TestData.Instance(a, WorkflowStatus.Running));
        await InsertAsync(TestData.Instance(a, WorkflowStatus.Suspended));
        await InsertAsync(TestData.Instance(a, WorkflowStatus.Finished));
        await InsertAsync(TestData.Instance(a, WorkflowStatus.Faulted));
        await InsertAsync(TestData.Instance(b, WorkflowStatus.Suspended));
        await InsertAsync(TestData.Instance(done, WorkflowStatus.Cancelled));

        var counts = await Store.CountRunningInstancesAsync();

        Assert.Equal(2, counts[a]);
        Assert.Equal(1, counts[b]);
        Assert.False(counts.ContainsKey(done));
    }

    [Fact]
    public async Task FindBookmarks_SameNameAndHash_ReturnsEveryMatchOldestFirst()
    {
        var name = TestData.Unique("Test.Event");
        var payload = new JsonObject { ["eventName"] = "Go", ["correlationId"] = "A-1" };
        var first = TestData.Instance();
        var second = TestData.Instance();
        var older = TestData.Bookmark(first, name, payload, TestData.T0);
        var newer = TestData.Bookmark(second, name, (JsonObject)payload.DeepClone(), TestData.T0.AddSeconds(1));
        var other = TestData.Bookmark(second, name, new JsonObject { ["eventName"] = "Stop" }, TestData.T0.AddSeconds(2));
        await InsertAsync(second, newer, other);
        await InsertAsync(first, older);

        var matches = await Store.FindBookmarksAsync(name, Bookmark.ComputeHash(name, payload));
        var listed = await Store.ListBookmarksAsync(name, 2);

        Assert.Equal([older.Id, newer.Id], matches.Select(b => b.Id));
        Assert.Equal([older.Id, newer.Id], listed.Select(b => b.Id));
        Assert.Equal(3, (await Store.ListBookmarksAsync(name, 10)).Count);
    }
}
