using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Persistence.Model;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence;

/// <summary>Rows to engine types and back.</summary>
internal static class RowMapping
{
    public static WorkflowDefinition ToDefinition(this DefinitionRow row) => WorkflowDefinition.Parse(row.Document);

    public static DefinitionRow ToRow(this WorkflowDefinition definition) => new()
    {
        Id = definition.Id,
        DefinitionId = definition.DefinitionId,
        Version = definition.Version,
        Name = definition.Name,
        IsLatest = definition.IsLatest,
        IsPublished = definition.IsPublished,
        CreatedAt = definition.CreatedAt.ToUniversalTime(),
        Document = definition.ToJson(),
    };

    public static void CopyTo(this WorkflowDefinition definition, DefinitionRow row)
    {
        row.Version = definition.Version;
        row.Name = definition.Name;
        row.IsLatest = definition.IsLatest;
        row.IsPublished = definition.IsPublished;
        row.CreatedAt = definition.CreatedAt.ToUniversalTime();
        row.Document = definition.ToJson();
    }

    public static WorkflowInstance ToInstance(this InstanceRow row) => new()
    {
        Id = row.Id,
        DefinitionId = row.DefinitionId,
        DefinitionVersionId = row.DefinitionVersionId,
        DefinitionVersion = row.DefinitionVersion,
        CorrelationId = row.CorrelationId,
        Status = row.Status,
        Version = row.Version,
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
        FinishedAt = row.FinishedAt,
        State = InstanceStateJson.Deserialize(row.State),
    };

    public static Bookmark ToBookmark(this BookmarkRow row) =>
        new(row.Id, row.InstanceId, row.ActivityId, row.Name, row.Hash, ParseObject(row.Payload), row.CreatedAt);

    public static WorkflowTimer ToTimer(this TimerRow row) => new(row.Id, row.InstanceId, row.BookmarkId, row.DueAt);

    public static JournalEntry ToEntry(this JournalRow row) => new(row.InstanceId, row.ActivityId, row.ActivityType, row.Outcome, row.At, row.Actor);

    public static Incident ToIncident(this IncidentRow row) =>
        new(row.Id, row.InstanceId, row.ActivityId, row.ActivityType, row.ExceptionType, row.Message, row.At, row.ResolvedAt);

    public static PendingMessage ToPending(this OutboxRow row) =>
        new(row.Sequence, new OutboxMessage(row.MessageId, row.InstanceId, row.CorrelationId, row.MessageType, ParseObject(row.Payload), row.CreatedAt) { TraceParent = row.TraceParent });

    private static JsonObject ParseObject(string json) =>
        JsonNode.Parse(json) as JsonObject ?? throw new JsonException("A stored payload is not a JSON object.");
}
