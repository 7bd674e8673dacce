using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: A change to the funded project was approved.</summary>
[MessageUrn("foerderworkflow:ChangeApproved")]
public sealed record ChangeApproved
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The change that was approved.</summary>
    public required string ChangeRequestId { get; init; }

    /// <summary>The approved amount after the change, if the amount changed.</summary>
    public MoneyAmount? NewApprovedAmount { get; init; }

    /// <summary>What changed.</summary>
    public string? Description { get; init; }
}
