using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The committee voted.</summary>
[MessageUrn("foerderworkflow:VoteClosed")]
public sealed record VoteClosed
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>Votes in favour.</summary>
    public required int VotesFor { get; init; }

    /// <summary>Votes against.</summary>
    public required int VotesAgainst { get; init; }

    /// <summary>Abstentions.</summary>
    public required int Abstentions { get; init; }

    /// <summary>Whether the motion to approve was carried.</summary>
    public required bool Carried { get; init; }
}
