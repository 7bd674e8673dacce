using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Budget;

/// <summary>
/// The commitments of one fund in one budget year as an immutable rule object: a commitment never takes more than
/// is left (nor more than the open round's cumulative ceiling); released commitments and repaid reclaims return
/// money to the year. Serialising concurrent approvals is the store's job; this only says what is allowed.
/// </summary>
public sealed record BudgetLedger
{
    public BudgetLedger(FundBudget budget)
    {
        ArgumentNullException.ThrowIfNull(budget);
        Budget = budget;
    }

    public FundBudget Budget { get; }

    public int Year => Budget.Year;

    /// <summary>Sum of all commitments made.</summary>
    public Money Committed { get; private init; }

    /// <summary>Commitments given back (withdrawn applications, lower final grants).</summary>
    public Money Released { get; private init; }

    /// <summary>Reclaimed money repaid to the year (principal only; interest is not budget money).</summary>
    public Money Returned { get; private init; }

    /// <summary>What is bound now.</summary>
    public Money NetCommitted => Committed - Released - Returned;

    public Money Available => Budget.Amount - NetCommitted;

    /// <summary>What may still be committed while round <paramref name="roundIndex"/> (0-based) is open.</summary>
    public Money AvailableInRound(int? roundIndex) => Money.Max(Money.Zero, Money.Min(Available, Budget.CeilingForRound(roundIndex) - NetCommitted));

    public ValidationError? CheckCommitment(Money amount, int? roundIndex = null, string field = "amount")
    {
        if (!amount.IsPositive)
        {
            return new ValidationError(field, "Eine Mittelbindung muss größer als 0 € sein.");
        }

        if (roundIndex is { } round && (round < 0 || round >= Budget.Rounds.Count))
        {
            return new ValidationError("round", $"Das Haushaltsjahr {Year} hat keine Runde {round + 1}.");
        }

        var available = AvailableInRound(roundIndex);
        return amount > available
            ? new ValidationError(field, roundIndex is null
                ? $"Das Budget {Year} reicht nicht: verfügbar sind noch {available}, gebunden werden sollen {amount}."
                : $"Das Budget der Runde „{Budget.Rounds[roundIndex.Value].Name}“ reicht nicht: verfügbar sind noch {available}, gebunden werden sollen {amount}.")
            : null;
    }

    public BudgetLedger Commit(Money amount, int? roundIndex = null) =>
        CheckCommitment(amount, roundIndex) is { } error
            ? throw new FundingRuleViolationException([error])
            : this with { Committed = Committed + amount };

    /// <summary>Gives back (part of) a commitment, e.g. after a withdrawal or a lower final grant.</summary>
    public BudgetLedger Release(Money amount) => this with { Released = Released + CheckReturn(amount) };

    /// <summary>Books a repaid reclaim (principal) back to the year.</summary>
    public BudgetLedger ReturnReclaim(Money amount) => this with { Returned = Returned + CheckReturn(amount) };

    private Money CheckReturn(Money amount)
    {
        if (!amount.IsPositive)
        {
            throw new FundingRuleViolationException("amount", "Der Betrag muss größer als 0 € sein.");
        }

        return amount > NetCommitted
            ? throw new FundingRuleViolationException("amount", $"Es sind nur {NetCommitted} gebunden; mehr kann nicht zurückfließen.")
            : amount;
    }
}
