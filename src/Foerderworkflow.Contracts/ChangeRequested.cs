using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The office asked the applicant to change or complete the application.</summary>
[MessageUrn("foerderworkflow:ChangeRequested")]
public sealed record ChangeRequested
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Identifies this request; a later ChangeApproved refers to it.</summary>
    public required string ChangeRequestId { get; init; }

    /// <summary>What has to be changed or added.</summary>
    public required string Reason { get; init; }

    /// <summary>By when the applicant has to answer.</summary>
    public required DateTimeOffset ReplyDeadline { get; init; }
}
