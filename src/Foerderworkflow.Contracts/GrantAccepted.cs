using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The applicant accepted the grant and signed its terms.</summary>
[MessageUrn("foerderworkflow:GrantAccepted")]
public sealed record GrantAccepted
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The decision that was accepted.</summary>
    public required string DecisionId { get; init; }

    /// <summary>Who signed for the applicant.</summary>
    public required string SignedBy { get; init; }
}
