using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The proof of use was checked and accepted.</summary>
[MessageUrn("foerderworkflow:ProofOfUseAccepted")]
public sealed record ProofOfUseAccepted
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The funds spent according to the proof of use.</summary>
    public required MoneyAmount SpentAmount { get; init; }

    /// <summary>Paid out but not spent; raises a reclaim when above zero.</summary>
    public required MoneyAmount UnspentAmount { get; init; }
}
