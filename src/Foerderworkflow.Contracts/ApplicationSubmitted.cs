using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: An application was submitted and registered under a file number.</summary>
[MessageUrn("foerderworkflow:ApplicationSubmitted")]
public sealed record ApplicationSubmitted
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The file number (Aktenzeichen) shown to the applicant.</summary>
    public required string FileNumber { get; init; }

    /// <summary>Name of the applicant (person or organisation).</summary>
    public required string ApplicantName { get; init; }

    /// <summary>Where the applicant is notified.</summary>
    public required string ApplicantEmail { get; init; }

    /// <summary>Short title of the project.</summary>
    public required string Title { get; init; }

    /// <summary>The amount applied for.</summary>
    public required MoneyAmount RequestedAmount { get; init; }
}
