namespace Foerderworkflow.Engine.Runtime;

/// <summary>One executed activity: what ran, which way it left, when.</summary>
public sealed record JournalEntry(string InstanceId, string ActivityId, string ActivityType, string Outcome, DateTimeOffset At);
