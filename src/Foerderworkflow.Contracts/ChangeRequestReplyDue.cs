using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The reply to a change request (Nachforderung) is due soon or today; the applicant was reminded.</summary>
[MessageUrn("foerderworkflow:ChangeRequestReplyDue")]
public sealed record ChangeRequestReplyDue
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The change request to be answered.</summary>
    public required string ChangeRequestId { get; init; }

    /// <summary>When the reply is due (the end of the reply deadline's day).</summary>
    public required DateTimeOffset DueAt { get; init; }
}
