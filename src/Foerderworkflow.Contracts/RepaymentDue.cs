using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The repayment of a reclaim (Rückforderung) is due soon or today; the applicant was reminded.</summary>
[MessageUrn("foerderworkflow:RepaymentDue")]
public sealed record RepaymentDue
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The reclaim to be repaid.</summary>
    public required string ReclaimId { get; init; }

    /// <summary>The reclaimed amount (without interest, which runs until the day of payment).</summary>
    public required MoneyAmount Amount { get; init; }

    /// <summary>When the repayment is due.</summary>
    public required DateTimeOffset DueAt { get; init; }
}
