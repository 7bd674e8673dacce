using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The application was rejected.</summary>
[MessageUrn("foerderworkflow:ApplicationRejected")]
public sealed record ApplicationRejected
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Identifies the decision (Bescheid).</summary>
    public required string DecisionId { get; init; }

    /// <summary>Why it was rejected.</summary>
    public required IReadOnlyList<string> Reasons { get; init; }

    /// <summary>Until when an appeal (Widerspruch) can be lodged.</summary>
    public required DateTimeOffset AppealDeadline { get; init; }
}
