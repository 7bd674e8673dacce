using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: A reclaimed amount was repaid.</summary>
[MessageUrn("foerderworkflow:Repaid")]
public sealed record Repaid
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The reclaim that was repaid.</summary>
    public required string ReclaimId { get; init; }

    /// <summary>The amount received.</summary>
    public required MoneyAmount Amount { get; init; }
}
