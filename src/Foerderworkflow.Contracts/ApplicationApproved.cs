using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: Funding was approved (Bewilligung); finance books a commitment over the approved amount.</summary>
[MessageUrn("foerderworkflow:ApplicationApproved")]
public sealed record ApplicationApproved
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Identifies the decision (Bescheid).</summary>
    public required string DecisionId { get; init; }

    /// <summary>The approved amount.</summary>
    public required MoneyAmount ApprovedAmount { get; init; }

    /// <summary>Conditions attached to the grant (Nebenbestimmungen).</summary>
    public IReadOnlyList<string> Conditions { get; init; } = [];

    /// <summary>
    /// The committee's recommendation (<c>Recommend</c>, <c>RecommendWithConditions</c>, <c>Reject</c>); null where no
    /// committee voted (small projects). Added in version 2; absent in older messages.
    /// </summary>
    public string? Recommendation { get; init; }

    /// <summary>
    /// Why the office approved against the recommendation or less than was requested; null otherwise. Added in
    /// version 2; absent in older messages.
    /// </summary>
    public string? DeviationReason { get; init; }

    /// <summary>The file number (Aktenzeichen) under which the office keeps the case, e.g. <c>AIF-2026-0042</c>. Added in version 3.</summary>
    public string? FileNumber { get; init; }

    /// <summary>The fund's Haushaltsstelle or cost centre the grant is booked on, as configured for the fund. Added in version 3.</summary>
    public string? CostCentre { get; init; }

    /// <summary>Who receives the grant, with the account. Added in version 3; absent in older messages and older cases.</summary>
    public Payee? Payee { get; init; }
}
