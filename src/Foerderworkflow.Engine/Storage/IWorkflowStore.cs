using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Engine.Storage;

/// <summary>
/// Durable state of the engine. Implementations keep every method atomic; <see cref="CommitAsync"/> is the only
/// way instance state, bookmarks, journal, incidents, outbox messages and timers change, and it changes them together.
/// </summary>
public interface IWorkflowStore
{
    // Definitions: every version is a row; the document is stored verbatim.
    Task<WorkflowDefinition?> FindDefinitionAsync(string definitionId, VersionSelector selector, CancellationToken cancellationToken = default);

    Task<WorkflowDefinition?> FindDefinitionVersionAsync(string versionId, CancellationToken cancellationToken = default);

    /// <summary>
    /// The version id <see cref="FindDefinitionAsync"/> would pick, without reading and parsing its document: a start
    /// then compiles a published version once and takes it from the cache afterwards.
    /// </summary>
    async Task<string?> FindDefinitionVersionIdAsync(string definitionId, VersionSelector selector, CancellationToken cancellationToken = default) =>
        (await FindDefinitionAsync(definitionId, selector, cancellationToken))?.Id;

    /// <summary>All versions of a definition, newest first.</summary>
    Task<IReadOnlyList<WorkflowDefinition>> ListDefinitionVersionsAsync(string definitionId, CancellationToken cancellationToken = default);

    /// <summary>The latest version of every definition.</summary>
    Task<IReadOnlyList<WorkflowDefinition>> ListLatestDefinitionsAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Inserts or updates the given versions in one transaction (a publish touches the new and the previously
    /// published version). Throws <see cref="DefinitionVersionConflictException"/> if a new version number is taken.
    /// </summary>
    Task SaveDefinitionVersionsAsync(IReadOnlyCollection<WorkflowDefinition> versions, CancellationToken cancellationToken = default);

    Task DeleteDefinitionAsync(string definitionId, CancellationToken cancellationToken = default);

    // Instances
    Task<WorkflowInstance?> FindInstanceAsync(string instanceId, CancellationToken cancellationToken = default);

    /// <summary>The instances with these ids that exist, in one read (a scheduler firing many timers reads them per page).</summary>
    Task<IReadOnlyList<WorkflowInstance>> FindInstancesAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken = default);

    Task<InstanceDetails?> GetInstanceDetailsAsync(string instanceId, CancellationToken cancellationToken = default);

    Task<PagedResult<InstanceSummary>> ListInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default);

    /// <summary>How many instances of each definition are not yet finished, faulted or cancelled.</summary>
    Task<IReadOnlyDictionary<string, int>> CountRunningInstancesAsync(CancellationToken cancellationToken = default);

    // Bookmarks
    Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default);

    /// <summary>The open bookmarks with these ids, in one read.</summary>
    Task<IReadOnlyList<Bookmark>> FindBookmarksByIdAsync(IReadOnlyCollection<string> bookmarkIds, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(string name, string hash, CancellationToken cancellationToken = default);

    /// <summary>Open bookmarks by name (e.g. every waiting human task), oldest first.</summary>
    Task<IReadOnlyList<Bookmark>> ListBookmarksAsync(string name, int max, CancellationToken cancellationToken = default);

    /// <summary>
    /// Writes a burst atomically. Throws <see cref="BookmarkAlreadyConsumedException"/> when the consumed bookmark is
    /// gone and <see cref="ConcurrencyConflictException"/> when the instance version moved; in both cases nothing is written.
    /// </summary>
    Task CommitAsync(BurstCommit commit, CancellationToken cancellationToken = default);

    // Timers
    Task<IReadOnlyList<WorkflowTimer>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default);

    Task<WorkflowTimer?> FindTimerAsync(string timerId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Pending timers due before <paramref name="dueBefore"/>, ordered by due time and then id, those after
    /// <paramref name="after"/> (keyset paging; <see langword="null"/> starts at the earliest). A scheduler fires the
    /// timers of one due second with it, or walks the near future to repair drift, a page at a time.
    /// </summary>
    Task<IReadOnlyList<WorkflowTimer>> ListTimersDueAsync(TimerPosition? after, DateTimeOffset dueBefore, int max, CancellationToken cancellationToken = default);

    /// <summary>The earliest pending timer, so an in-process scheduler knows when to wake.</summary>
    Task<DateTimeOffset?> NextTimerDueAsync(CancellationToken cancellationToken = default);

    // Outbox
    Task<IReadOnlyList<PendingMessage>> FetchPendingMessagesAsync(int max, CancellationToken cancellationToken = default);

    Task MarkMessagesSentAsync(IReadOnlyCollection<long> sequences, DateTimeOffset sentAt, CancellationToken cancellationToken = default);

    // Health
    Task<bool> CanConnectAsync(CancellationToken cancellationToken = default);
}
