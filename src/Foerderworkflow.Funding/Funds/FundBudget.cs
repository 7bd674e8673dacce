using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Funds;

/// <summary>
/// The money of one fund in one budget year, optionally split into rounds. Rounds are cumulative ceilings: by the end
/// of round <c>k</c> at most the sum of rounds <c>1..k</c> may be committed; money left over carries to the next round.
/// </summary>
public sealed record FundBudget(int Year, Money Amount)
{
    public IReadOnlyList<BudgetRound> Rounds { get; init; } = [];

    /// <summary>The most that may be committed in total once <paramref name="roundIndex"/> (0-based) is open; the year's amount without rounds.</summary>
    public Money CeilingForRound(int? roundIndex)
    {
        if (roundIndex is null || Rounds.Count == 0)
        {
            return Amount;
        }

        ArgumentOutOfRangeException.ThrowIfNegative(roundIndex.Value, nameof(roundIndex));
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(roundIndex.Value, Rounds.Count, nameof(roundIndex));
        return Money.Min(Amount, Money.Sum(Rounds.Take(roundIndex.Value + 1).Select(r => r.Amount)));
    }
}
