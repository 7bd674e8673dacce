namespace Foerderworkflow.Engine.Runtime;

/// <summary>An activity that threw. The instance is faulted until an operator retries or cancels it.</summary>
public sealed record Incident(
    string Id,
    string InstanceId,
    string ActivityId,
    string ActivityType,
    string ExceptionType,
    string Message,
    DateTimeOffset At,
    DateTimeOffset? ResolvedAt = null);
