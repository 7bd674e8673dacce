using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: Funds are reclaimed (Rückforderung).</summary>
[MessageUrn("foerderworkflow:ReclaimRaised")]
public sealed record ReclaimRaised
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Identifies the reclaim; Repaid refers to it.</summary>
    public required string ReclaimId { get; init; }

    /// <summary>The amount reclaimed, without interest.</summary>
    public required MoneyAmount Amount { get; init; }

    /// <summary>When the repayment is due.</summary>
    public required DateTimeOffset DueAt { get; init; }

    /// <summary>Yearly interest rate in percent charged from the payout date.</summary>
    public required decimal InterestRatePercent { get; init; }

    /// <summary>Why the funds are reclaimed.</summary>
    public required string Reason { get; init; }
}
