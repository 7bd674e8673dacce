using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Storage;

/// <summary>The test store must honour the store contract, or the engine tests prove nothing.</summary>
public sealed class InMemoryWorkflowStoreTests
{
    private static readonly DateTimeOffset Now = FakeClock.DefaultStart;
    private readonly InMemoryWorkflowStore store = new();

    [Fact]
    public async Task CommitAsync_NewInstance_StoresItAtVersion1()
    {
        await store.CommitAsync(Commit(NewInstance(), isNew: true));

        Assert.Equal(1, (await store.FindInstanceAsync("i1"))?.Version);
    }

    [Fact]
    public async Task CommitAsync_LoadedVersion_IncrementsTheVersion()
    {
        await store.CommitAsync(Commit(NewInstance(), isNew: true));
        var loaded = (await store.FindInstanceAsync("i1"))!;

        await store.CommitAsync(Commit(loaded));

        Assert.Equal(2, (await store.FindInstanceAsync("i1"))?.Version);
    }

    [Fact]
    public async Task CommitAsync_StaleVersion_ThrowsConflictAndWritesNothing()
    {
        await store.CommitAsync(Commit(NewInstance(), isNew: true));
        var first = (await store.FindInstanceAsync("i1"))!;
        var second = (await store.FindInstanceAsync("i1"))!;
        await store.CommitAsync(Commit(first));
        second.State.Variables["x"] = 1;

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.CommitAsync(Commit(second, newBookmarks: [Bookmark("b1")])));

        var stored = (await store.FindInstanceAsync("i1"))!;
        Assert.Equal(2, stored.Version);
        Assert.Null(stored.State.Variables["x"]);
        Assert.Null(await store.FindBookmarkAsync("b1"));
        Assert.Equal(2, store.CommitCount);
    }

    [Fact]
    public async Task CommitAsync_SameNewInstanceTwice_ThrowsConflict()
    {
        await store.CommitAsync(Commit(NewInstance(), isNew: true));

        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => store.CommitAsync(Commit(NewInstance(), isNew: true)));
    }

    [Fact]
    public async Task CommitAsync_ConsumedBookmarkGone_ThrowsAndWritesNothing()
    {
        await store.CommitAsync(Commit(NewInstance(), isNew: true, newBookmarks: [Bookmark("b1")]));
        var first = (await store.FindInstanceAsync("i1"))!;
        await store.CommitAsync(Commit(first, consumed: "b1"));
        var second = (await store.FindInstanceAsync("i1"))!;

        await Assert.ThrowsAsync<BookmarkAlreadyConsumedException>(() => store.CommitAsync(Commit(second, consumed: "b1", messages: [Message()])));

        Assert.Equal(2, (await store.FindInstanceAsync("i1"))?.Version);
        Assert.Empty(store.Messages);
    }

    [Fact]
    public async Task CommitAsync_ConsumedOrRemovedBookmark_DeletesItsTimers()
    {
        await store.CommitAsync(Commit(NewInstance(), isNew: true, newBookmarks: [Bookmark("b1"), Bookmark("b2"), Bookmark("b3")], timers: [Timer("t1", "b1"), Timer("t2", "b2"), Timer("t3", "b3")]));

        await store.CommitAsync(Commit((await store.FindInstanceAsync("i1"))!, consumed: "b1", removed: ["b2"]));

        Assert.Equal("t3", Assert.Single(store.Timers).Id);
        Assert.Null(await store.FindTimerAsync("t1"));
        Assert.Equal("b3", Assert.Single((await store.GetInstanceDetailsAsync("i1"))!.Bookmarks).Id);
    }

    [Fact]
    public async Task CommitAsync_ResolveIncidents_ResolvesOnlyTheOldOnes()
    {
        await store.CommitAsync(Commit(NewInstance(), isNew: true, incidents: [Incident("x1")]));

        await store.CommitAsync(Commit((await store.FindInstanceAsync("i1"))!, incidents: [Incident("x2")], resolveIncidents: true));

        var incidents = (await store.GetInstanceDetailsAsync("i1"))!.Incidents;
        Assert.Equal([("x1", true), ("x2", false)], incidents.Select(i => (i.Id, i.ResolvedAt is not null)));
    }

    [Fact]
    public async Task FindInstanceAsync_CallerChangesTheCopy_StoredStateStaysAsCommitted()
    {
        var instance = NewInstance();
        await store.CommitAsync(Commit(instance, isNew: true));
        instance.State.Variables["after"] = "commit";

        (await store.FindInstanceAsync("i1"))!.State.Variables["after"] = "read";

        Assert.Null((await store.FindInstanceAsync("i1"))!.State.Variables["after"]);
    }

    [Fact]
    public async Task FindBookmarkAsync_CallerChangesThePayload_StoredPayloadStays()
    {
        await store.CommitAsync(Commit(NewInstance(), isNew: true, newBookmarks: [Bookmark("b1")]));

        (await store.FindBookmarkAsync("b1"))!.Payload["title"] = "geändert";

        Assert.Equal("Prüfen", (string?)(await store.FindBookmarkAsync("b1"))!.Payload["title"]);
    }

    [Fact]
    public async Task FetchPendingMessagesAsync_AfterMarkSent_ReturnsOnlyUnsent()
    {
        await store.CommitAsync(Commit(NewInstance(), isNew: true, messages: [Message(), Message()]));
        var pending = await store.FetchPendingMessagesAsync(10);

        await store.MarkMessagesSentAsync([pending[0].Sequence], Now);

        Assert.Equal(pending[1].Sequence, Assert.Single(await store.FetchPendingMessagesAsync(10)).Sequence);
    }

    [Fact]
    public async Task SaveDefinitionVersionsAsync_VersionNumberTakenByAnotherRow_ThrowsAndWritesNothing()
    {
        var builder = new FlowchartBuilder("d1").Start();
        var v1 = Engine.Definitions.WorkflowDefinition.FromDocument(builder.Build()).WithVersion("a", 1, true, false, Now);
        await store.SaveDefinitionVersionsAsync([v1]);
        var rival = v1.WithVersion("b", 1, true, false, Now);
        var other = v1.WithVersion("c", 2, true, false, Now);

        await Assert.ThrowsAsync<DefinitionVersionConflictException>(() => store.SaveDefinitionVersionsAsync([other, rival]));

        Assert.Equal(["a"], (await store.ListDefinitionVersionsAsync("d1")).Select(d => d.Id));
    }

    private static WorkflowInstance NewInstance() => new()
    {
        Id = "i1",
        DefinitionId = "d1",
        DefinitionVersionId = "d1-v1",
        DefinitionVersion = 1,
        Status = WorkflowStatus.Suspended,
        CreatedAt = Now,
        UpdatedAt = Now,
    };

    private static Bookmark Bookmark(string id) => new(id, "i1", "task", "Foerderworkflow.HumanTask", "hash", new JsonObject { ["title"] = "Prüfen" }, Now);

    private static WorkflowTimer Timer(string id, string bookmarkId) => new(id, "i1", bookmarkId, Now.AddDays(1));

    private static Incident Incident(string id) => new(id, "i1", "task", "Tests.Flaky", "InvalidOperationException", "kaputt", Now);

    private static OutboxMessage Message() => new(Guid.NewGuid().ToString("N"), "i1", null, "Test", [], Now);

    private static BurstCommit Commit(
        WorkflowInstance instance,
        bool isNew = false,
        string? consumed = null,
        IReadOnlyList<Bookmark>? newBookmarks = null,
        IReadOnlyList<string>? removed = null,
        IReadOnlyList<Incident>? incidents = null,
        bool resolveIncidents = false,
        IReadOnlyList<OutboxMessage>? messages = null,
        IReadOnlyList<WorkflowTimer>? timers = null) =>
        new(instance, isNew, consumed, newBookmarks ?? [], removed ?? [], [], incidents ?? [], resolveIncidents, messages ?? [], timers ?? []);
}
