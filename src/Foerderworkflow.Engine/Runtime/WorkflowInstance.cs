using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Engine.Runtime;

/// <summary>
/// The state of one run of a definition version. <see cref="Version"/> is the optimistic concurrency token: a
/// burst commits only if nobody else committed since it loaded the instance.
/// </summary>
public sealed class WorkflowInstance
{
    public required string Id { get; init; }
    public required string DefinitionId { get; init; }
    public required string DefinitionVersionId { get; init; }
    public required int DefinitionVersion { get; init; }
    public string? CorrelationId { get; init; }
    public WorkflowStatus Status { get; set; }
    public long Version { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public InstanceState State { get; set; } = new();

    public WorkflowInstance Clone() => new()
    {
        Id = Id,
        DefinitionId = DefinitionId,
        DefinitionVersionId = DefinitionVersionId,
        DefinitionVersion = DefinitionVersion,
        CorrelationId = CorrelationId,
        Status = Status,
        Version = Version,
        CreatedAt = CreatedAt,
        UpdatedAt = UpdatedAt,
        FinishedAt = FinishedAt,
        State = State.Clone(),
    };
}

/// <summary>The part of an instance that is stored as one JSON document.</summary>
public sealed class InstanceState
{
    public JsonObject Variables { get; set; } = [];
    public JsonNode? Input { get; set; }
    public JsonNode? LastResult { get; set; }

    /// <summary>Bookmarks the instance waits on; the stored bookmark rows are the index and the exactly-once gate.</summary>
    public List<ActiveBookmark> Bookmarks { get; set; } = [];

    /// <summary>Per join node, the inbound connections that have arrived since it last fired.</summary>
    public Dictionary<string, List<string>> JoinArrivals { get; set; } = [];

    /// <summary>Work left when an activity faulted; a retry continues with it.</summary>
    public List<WorkItem> PendingWork { get; set; } = [];

    /// <summary>
    /// Requests (by the caller's id) that resumed this instance, with what they asked for: written in the same commit as
    /// the resume, so a retried request can be recognised (<see cref="WorkflowRuntime.ResumeAsync(string, JsonObject, HandledRequest, CancellationToken)"/>).
    /// </summary>
    public Dictionary<string, HandledRequest> Requests { get; set; } = [];

    /// <summary>Records <paramref name="request"/>; the oldest are forgotten beyond <see cref="HandledRequest.MaxPerInstance"/>.</summary>
    public void Record(HandledRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Requests[request.Id] = request;
        foreach (var old in Requests.Values.OrderByDescending(r => r.At).Skip(HandledRequest.MaxPerInstance).ToList())
        {
            Requests.Remove(old.Id);
        }
    }

    public InstanceState Clone() => new()
    {
        Variables = (JsonObject)Variables.DeepClone(),
        Input = Input?.DeepClone(),
        LastResult = LastResult?.DeepClone(),
        Bookmarks = [.. Bookmarks],
        JoinArrivals = JoinArrivals.ToDictionary(p => p.Key, p => p.Value.ToList()),
        PendingWork = [.. PendingWork.Select(w => w.Resumption is null ? w : w with { Resumption = w.Resumption.DeepClone() })],
        Requests = new(Requests),
    };
}

/// <summary>A request that resumed an instance: the caller's id for it, a fingerprint of what it asked, and when.</summary>
public sealed record HandledRequest(string Id, string Fingerprint, DateTimeOffset At)
{
    /// <summary>How many an instance keeps: far more than the steps a case has, few enough to keep its state small.</summary>
    public const int MaxPerInstance = 100;
}

public sealed record ActiveBookmark(string Id, string ActivityId, string Name);

/// <summary>
/// An activity scheduled to run; <paramref name="Via"/> is the connection it arrived through, if any. With a
/// <paramref name="Resumption"/> the activity continues from its bookmark (a retry after it faulted while resuming)
/// instead of starting anew.
/// </summary>
public sealed record WorkItem(string ActivityId, string? Via, Resumption? Resumption = null);
