using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The grantee requested a payout (Mittelabruf).</summary>
[MessageUrn("foerderworkflow:PayoutRequested")]
public sealed record PayoutRequested
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Identifies the payout; PayoutOrdered refers to it.</summary>
    public required string PayoutId { get; init; }

    /// <summary>The amount requested.</summary>
    public required MoneyAmount Amount { get; init; }
}
