namespace Foerderworkflow.Engine.Runtime;

/// <summary>A moment at which a bookmark is resumed by the clock. Stored with the burst; scheduled after the commit.</summary>
public sealed record WorkflowTimer(string Id, string InstanceId, string BookmarkId, DateTimeOffset DueAt);

/// <summary>A place in the order of pending timers (due time, then id): where the next page of a keyset walk starts.</summary>
public readonly record struct TimerPosition(DateTimeOffset DueAt, string Id)
{
    /// <summary>Before every timer due at or after <paramref name="dueAt"/> (no id sorts before the empty one).</summary>
    public static TimerPosition Before(DateTimeOffset dueAt) => new(dueAt, "");

    public static TimerPosition Of(WorkflowTimer timer) => new(timer.DueAt, timer.Id);
}
