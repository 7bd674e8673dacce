using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: A reclaimed amount was not repaid in time; the applicant was dunned (Mahnung).</summary>
[MessageUrn("foerderworkflow:RepaymentOverdue")]
public sealed record RepaymentOverdue
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The reclaim still open.</summary>
    public required string ReclaimId { get; init; }

    /// <summary>The reclaimed amount (without interest, which runs until the day of payment).</summary>
    public required MoneyAmount Amount { get; init; }

    /// <summary>When it was due.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>1 for the first dunning, 2 for the second, and so on.</summary>
    public required int ReminderLevel { get; init; }
}
