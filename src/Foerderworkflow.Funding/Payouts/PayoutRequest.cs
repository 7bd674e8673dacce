using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Payouts;

/// <summary>A payout request (Mittelabruf) against a grant.</summary>
public sealed record PayoutRequest
{
    public required DateOnly RequestedOn { get; init; }

    public required Money Amount { get; init; }

    public required IReadOnlyList<PlannedExpenditure> Expenditures { get; init; }

    /// <summary>Money from earlier payouts not spent yet; it covers expenses before new money does.</summary>
    public Money UnspentFromEarlierPayouts { get; init; }
}
