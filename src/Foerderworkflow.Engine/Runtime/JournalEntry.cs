namespace Foerderworkflow.Engine.Runtime;

/// <summary>One executed activity: what ran, which way it left, when, and on whose action (audit trail).</summary>
/// <param name="Actor">The person whose resume ran the activity, as the host named them; null for a start, a timer or an event.</param>
public sealed record JournalEntry(string InstanceId, string ActivityId, string ActivityType, string Outcome, DateTimeOffset At, string? Actor = null);
