using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The appeal period of a grant decision (Zuwendungsbescheid) ends soon, and the agreement is neither signed nor the appeal waived; the applicant was reminded.</summary>
[MessageUrn("foerderworkflow:GrantSigningDue")]
public sealed record GrantSigningDue
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The grant decision to be signed.</summary>
    public required string DecisionId { get; init; }

    /// <summary>When the appeal period ends.</summary>
    public required DateTimeOffset DueAt { get; init; }
}
