namespace Foerderworkflow.Engine.Runtime;

/// <summary>One executed activity: what ran, which way it left, when, and on whose action (audit trail).</summary>
/// <param name="Actor">The person whose resume ran the activity, as the host named them; null for a start, a timer or an event.</param>
public sealed record JournalEntry(string InstanceId, string ActivityId, string ActivityType, string Outcome, DateTimeOffset At, string? Actor = null)
{
    /// <summary>The outcome of a step that waits for a bookmark.</summary>
    public const string SuspendedOutcome = "Suspended";

    /// <summary>The outcome of a join that waits for more arrivals.</summary>
    public const string WaitingOutcome = "Waiting";

    /// <summary>The outcome of a step that failed (an incident was raised).</summary>
    public const string FaultedOutcome = "Faulted";

    /// <summary>The outcome of a step stopped by a cancellation; the actor is who cancelled.</summary>
    public const string CancelledOutcome = "Cancelled";
}
