using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: A reviewer finished the review and made a recommendation.</summary>
[MessageUrn("foerderworkflow:ApplicationReviewed")]
public sealed record ApplicationReviewed
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Who reviewed.</summary>
    public required string ReviewerId { get; init; }

    /// <summary><c>Approve</c> or <c>Reject</c>.</summary>
    public required string Recommendation { get; init; }

    /// <summary>The amount recommended for approval, if any.</summary>
    public MoneyAmount? RecommendedAmount { get; init; }

    /// <summary>The reviewer's note.</summary>
    public string? Comment { get; init; }
}
