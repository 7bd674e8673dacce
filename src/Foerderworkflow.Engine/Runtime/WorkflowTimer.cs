namespace Foerderworkflow.Engine.Runtime;

/// <summary>A moment at which a bookmark is resumed by the clock. Stored with the burst; scheduled after the commit.</summary>
public sealed record WorkflowTimer(string Id, string InstanceId, string BookmarkId, DateTimeOffset DueAt);
