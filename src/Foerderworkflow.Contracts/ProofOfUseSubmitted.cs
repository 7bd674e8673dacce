using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The applicant submitted the proof of use (Verwendungsnachweis); the office reviews it next.</summary>
[MessageUrn("foerderworkflow:ProofOfUseSubmitted")]
public sealed record ProofOfUseSubmitted
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>What the applicant reports as spent.</summary>
    public required MoneyAmount SpentAmount { get; init; }

    /// <summary>Whether it came after the due date (after a reminder).</summary>
    public bool Late { get; init; }
}
