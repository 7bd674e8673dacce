using MassTransit;

namespace Foerderworkflow.Contracts;

/// <summary>Event: The committee did not decide on the application; it goes on the agenda of a later session.</summary>
[MessageUrn("foerderworkflow:VoteDeferred")]
public sealed record VoteDeferred
{
    /// <summary>The application (Antrag) this message belongs to; the correlation key of every message.</summary>
    public required string ApplicationId { get; init; }

    /// <summary>The fund (Förderprogramm) the application draws on.</summary>
    public required string Fund { get; init; }

    /// <summary>The budget year (Haushaltsjahr) the amounts are booked in.</summary>
    public required int BudgetYear { get; init; }

    /// <summary>When it happened in the workflow.</summary>
    public required DateTimeOffset OccurredAt { get; init; }

    /// <summary>The committee that deferred.</summary>
    public required string Committee { get; init; }

    /// <summary>
    /// <c>NoQuorum</c> (too few members took part), <c>Objection</c> (a member objected to the written procedure) or
    /// <c>Deferred</c> (the committee postponed the item).
    /// </summary>
    public required string Reason { get; init; }
}
