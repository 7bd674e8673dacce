using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The office refused a change to the funded project; the approved plan stays as it was.</summary>
[MessageUrn("foerderworkflow:ChangeRejected")]
public sealed record ChangeRejected
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The change that was refused.</summary>
    public required string ChangeRequestId { get; init; }

    /// <summary>Why the office refused it.</summary>
    public IReadOnlyList<string> Reasons { get; init; } = [];
}
