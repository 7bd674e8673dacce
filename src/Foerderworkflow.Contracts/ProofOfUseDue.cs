using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The proof of use (Verwendungsnachweis) is due soon.</summary>
[MessageUrn("foerderworkflow:ProofOfUseDue")]
public sealed record ProofOfUseDue
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>When the proof of use is due.</summary>
    public required DateTimeOffset DueAt { get; init; }
}
