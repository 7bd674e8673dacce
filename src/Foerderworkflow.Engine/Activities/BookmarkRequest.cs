using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Activities;

/// <summary>
/// A wish to wait. <paramref name="Payload"/> identifies what is awaited (its hash is the lookup key together with
/// <paramref name="Name"/>) and carries data for whoever lists open bookmarks, e.g. a task inbox.
/// With <paramref name="DueAt"/> the bookmark also gets a timer that resumes it at that moment.
/// </summary>
public sealed record BookmarkRequest(string Name, JsonObject Payload, DateTimeOffset? DueAt = null)
{
    /// <summary>Fields of the payload that identify the bookmark; by default the whole payload.</summary>
    public IReadOnlyList<string>? KeyFields { get; init; }
}

/// <summary>What a bookmark is resumed with.</summary>
public sealed record Resumption(string BookmarkName, JsonObject BookmarkPayload, JsonObject Input, bool ByTimer)
{
    /// <summary>
    /// The id of the resumed bookmark, for an activity that waits again and must keep what others attached to the
    /// first wait (e.g. ballots collected under a vote task's id). Empty in work stored before it was recorded.
    /// </summary>
    public string BookmarkId { get; init; } = "";

    public Resumption DeepClone() => this with { BookmarkPayload = (JsonObject)BookmarkPayload.DeepClone(), Input = (JsonObject)Input.DeepClone() };
}
