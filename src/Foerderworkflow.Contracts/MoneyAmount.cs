namespace Foerderworkflow.Contracts;

/// <summary>An amount of money: a decimal (never a binary float) with its ISO 4217 currency code, e.g. <c>EUR</c>.</summary>
public sealed record MoneyAmount(decimal Amount, string Currency)
{
    /// <summary>An amount in euros, the currency of every fund today.</summary>
    public static MoneyAmount Euro(decimal amount) => new(amount, "EUR");
}
