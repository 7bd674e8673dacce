using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The case was closed (Abschluss); unspent commitments are released.</summary>
[MessageUrn("foerderworkflow:ApplicationClosed")]
public sealed record ApplicationClosed
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The amount the grantee keeps in the end.</summary>
    public required MoneyAmount FinalAmount { get; init; }
}
