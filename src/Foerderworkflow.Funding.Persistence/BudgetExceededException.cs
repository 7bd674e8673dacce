using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>
/// An approval would commit more than the fund's year has left (budget − committed + released + returned), counted
/// in the database at the moment of the commit, so concurrent approvals can never overdraw it. Nothing of the burst
/// was stored: the instance still waits at the decision. The API answers with problem details naming <see cref="Field"/>.
/// </summary>
public sealed class BudgetExceededException(string fundId, int year, decimal amount)
    : CommitRejectedException($"Der Betrag von {Money.FromEuros(amount)} übersteigt das verfügbare Budget des Fonds „{fundId}“ im Haushaltsjahr {year}.")
{
    /// <summary>The field of the decision's input the refusal is about.</summary>
    public const string AmountField = "amount";

    public string FundId { get; } = fundId;

    public int Year { get; } = year;

    public decimal Amount { get; } = amount;

    /// <summary>The refusal as the funding rules report theirs (field and German message).</summary>
    public IReadOnlyList<ValidationError> Errors => [new ValidationError(AmountField, Message)];
}
