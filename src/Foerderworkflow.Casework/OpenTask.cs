using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Funding.Activities;

namespace Foerderworkflow.Casework;

/// <summary>A funding step waiting for someone: one open <c>Foerderworkflow.Funding.Task</c> bookmark, read from its payload.</summary>
public sealed record OpenTask(
    string TaskId,
    string InstanceId,
    string Step,
    string ApplicationId,
    string FileNumber,
    string AssigneeRole,
    string Title,
    IReadOnlyList<string> Outcomes,
    DateTimeOffset? DueAt,
    JsonObject? Data)
{
    public static bool IsFundingTask(Bookmark bookmark) => bookmark.Name == FundingTaskActivity.BookmarkName;

    public static OpenTask From(Bookmark bookmark)
    {
        var payload = bookmark.Payload;
        return new OpenTask(
            bookmark.Id,
            bookmark.InstanceId,
            Text(payload, "step"),
            Text(payload, "applicationId"),
            Text(payload, "fileNumber"),
            Text(payload, "assigneeRole"),
            Text(payload, "title"),
            payload["outcomes"] is JsonArray outcomes ? [.. outcomes.Select(o => o?.GetValue<string>() ?? "")] : [],
            payload["dueAt"] is JsonValue due && due.TryGetValue(out DateTimeOffset at) ? at : null,
            payload["data"] as JsonObject);
    }

    private static string Text(JsonObject payload, string field) =>
        payload[field] is JsonValue value && value.TryGetValue(out string? text) ? text : "";
}
