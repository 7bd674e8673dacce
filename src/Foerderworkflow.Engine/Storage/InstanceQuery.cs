using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Engine.Storage;

/// <summary>Filters and paging for listing instances; <see cref="Page"/> is zero-based.</summary>
public sealed record InstanceQuery(
    string? DefinitionId = null,
    WorkflowStatus? Status = null,
    string? CorrelationId = null,
    int Page = 0,
    int PageSize = 50);

public sealed record InstanceSummary(
    string Id,
    string DefinitionId,
    int DefinitionVersion,
    WorkflowStatus Status,
    string? CorrelationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? FinishedAt);

public sealed record PagedResult<T>(IReadOnlyList<T> Items, long TotalCount);

/// <summary>An instance with its history, for operators.</summary>
public sealed record InstanceDetails(
    WorkflowInstance Instance,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<Bookmark> Bookmarks);

/// <summary>A committed outbox row not yet delivered; <see cref="Sequence"/> orders delivery.</summary>
public sealed record PendingMessage(long Sequence, OutboxMessage Message);
