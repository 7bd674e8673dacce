using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Engine.Persistence.Model;

/// <summary>An instance: the columns lists filter on, plus <see cref="State"/> as one JSON document.</summary>
internal sealed class InstanceRow
{
    public required string Id { get; set; }
    public required string DefinitionId { get; set; }
    public required string DefinitionVersionId { get; set; }
    public int DefinitionVersion { get; set; }
    public WorkflowStatus Status { get; set; }
    public string? CorrelationId { get; set; }

    /// <summary>Optimistic concurrency token: every commit increments it, guarded by <c>WHERE version = loaded</c>.</summary>
    public long Version { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public required string State { get; set; }
}
