using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Tests.Infrastructure;

/// <summary>Rows for store-level tests. Times are whole milliseconds, which every store keeps exactly.</summary>
internal static class TestData
{
    public static readonly DateTimeOffset T0 = new(2026, 3, 2, 8, 0, 0, 123, TimeSpan.Zero);

    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}";

    public static WorkflowInstance Instance(string? definitionId = null, WorkflowStatus status = WorkflowStatus.Suspended, string? correlationId = null, DateTimeOffset? createdAt = null)
    {
        var at = createdAt ?? T0;
        return new WorkflowInstance
        {
            Id = Unique("instance"),
            DefinitionId = definitionId ?? Unique("definition"),
            DefinitionVersionId = Unique("version"),
            DefinitionVersion = 3,
            CorrelationId = correlationId,
            Status = status,
            CreatedAt = at,
            UpdatedAt = at,
            FinishedAt = status is WorkflowStatus.Finished or WorkflowStatus.Cancelled ? at : null,
            State = new InstanceState
            {
                Variables = new JsonObject { ["amount"] = 1250.5m, ["applicant"] = "Jugendclub Süd e. V.", ["tags"] = new JsonArray("a", "b") },
                Input = new JsonObject { ["applicationId"] = "A-17" },
                JoinArrivals = new() { ["join1"] = ["c1", "c2"] },
                PendingWork = [new WorkItem("review", "c3")],
            },
        };
    }

    public static Bookmark Bookmark(WorkflowInstance instance, string name = "Test.Wait", JsonObject? payload = null, DateTimeOffset? createdAt = null, string activityId = "wait")
    {
        payload ??= new JsonObject { ["key"] = Guid.NewGuid().ToString("N") };
        var bookmark = new Bookmark(Unique("bookmark"), instance.Id, activityId, name, Engine.Runtime.Bookmark.ComputeHash(name, payload), payload, createdAt ?? T0);
        instance.State.Bookmarks.Add(new ActiveBookmark(bookmark.Id, activityId, name));
        return bookmark;
    }

    public static JournalEntry Entry(WorkflowInstance instance, string activityId, string outcome = "Done", DateTimeOffset? at = null) =>
        new(instance.Id, activityId, "Test.Activity", outcome, at ?? T0);

    public static OutboxMessage Message(WorkflowInstance instance, string messageType = "Test.Message", DateTimeOffset? at = null) =>
        new(Unique("message"), instance.Id, instance.CorrelationId, messageType, new JsonObject { ["instance"] = instance.Id, ["text"] = "Grüße" }, at ?? T0);

    public static Incident Incident(WorkflowInstance instance, DateTimeOffset? at = null) =>
        new(Unique("incident"), instance.Id, "review", "Test.Activity", "InvalidOperationException", "kaputt", at ?? T0);

    public static BurstCommit Commit(
        WorkflowInstance instance,
        bool isNew = false,
        string? consumed = null,
        IReadOnlyList<Bookmark>? bookmarks = null,
        IReadOnlyList<string>? removed = null,
        IReadOnlyList<JournalEntry>? journal = null,
        IReadOnlyList<Incident>? incidents = null,
        bool resolveIncidents = false,
        IReadOnlyList<OutboxMessage>? messages = null,
        IReadOnlyList<WorkflowTimer>? timers = null) =>
        new(instance, isNew, consumed, bookmarks ?? [], removed ?? [], journal ?? [], incidents ?? [], resolveIncidents, messages ?? [], timers ?? []);
}
