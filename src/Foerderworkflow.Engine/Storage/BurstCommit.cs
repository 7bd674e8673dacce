using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Engine.Storage;

/// <summary>
/// Everything one burst changes, written in one database transaction or not at all.
/// </summary>
/// <param name="Instance">The new instance state; its <see cref="WorkflowInstance.Version"/> is the version it was loaded at.</param>
/// <param name="IsNew">Insert rather than update (the first burst of a started instance).</param>
/// <param name="ConsumedBookmarkId">The bookmark this burst resumed: deleting it must delete exactly one row, else the burst lost the race.</param>
/// <param name="RemovedBookmarkIds">Bookmarks the burst cancelled (finish, cancel, wait-any); their timers go with them.</param>
/// <param name="ResolveIncidents">Mark the instance's open incidents resolved (retry, cancel).</param>
public sealed record BurstCommit(
    WorkflowInstance Instance,
    bool IsNew,
    string? ConsumedBookmarkId,
    IReadOnlyList<Bookmark> NewBookmarks,
    IReadOnlyList<string> RemovedBookmarkIds,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<Incident> Incidents,
    bool ResolveIncidents,
    IReadOnlyList<OutboxMessage> Messages,
    IReadOnlyList<WorkflowTimer> Timers);
