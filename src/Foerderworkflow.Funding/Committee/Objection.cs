namespace Foerderworkflow.Funding.Committee;

/// <summary>An objection to deciding in writing; it moves the application to the next session.</summary>
public sealed record Objection(string PersonId, DateTimeOffset At, string? Reason = null);
