using System.Globalization;

namespace Foerderworkflow.Funding.Amounts;

/// <summary>
/// An amount in euros, always rounded to whole cents (commercial rounding: half away from zero). It may be negative
/// as the result of a subtraction (e.g. a funding gap that does not exist); rules that forbid negative amounts check
/// <see cref="IsNegative"/> or call <see cref="EnsureNotNegative"/>.
/// </summary>
public readonly record struct Money : IComparable<Money>
{
    private static readonly NumberFormatInfo GermanNumbers = new() { NumberDecimalSeparator = ",", NumberGroupSeparator = ".", NegativeSign = "-" };

    private Money(decimal euros) => Euros = decimal.Round(euros, 2, MidpointRounding.AwayFromZero);

    public static Money Zero => default;

    /// <summary>The amount in euros with at most two decimal places.</summary>
    public decimal Euros { get; }

    public long Cents => (long)(Euros * 100m);

    public bool IsNegative => Euros < 0m;

    public bool IsZero => Euros == 0m;

    public bool IsPositive => Euros > 0m;

    public static Money FromEuros(decimal euros) => new(euros);

    public static Money FromCents(long cents) => new(cents / 100m);

    /// <summary>The amount, or an <see cref="ArgumentOutOfRangeException"/> naming <paramref name="paramName"/> if it is negative.</summary>
    public Money EnsureNotNegative(string paramName) =>
        IsNegative ? throw new ArgumentOutOfRangeException(paramName, Euros, "Der Betrag darf nicht negativ sein.") : this;

    public static Money Sum(IEnumerable<Money> amounts) => new(amounts.Sum(a => a.Euros));

    public static Money Min(Money left, Money right) => left <= right ? left : right;

    public static Money Max(Money left, Money right) => left >= right ? left : right;

    /// <summary>This amount multiplied by <paramref name="factor"/>, rounded to cents.</summary>
    public Money Times(decimal factor) => new(Euros * factor);

    /// <summary>This amount as a share of <paramref name="total"/> (0.1 = 10 %); zero if the total is zero.</summary>
    public decimal ShareOf(Money total) => total.IsZero ? 0m : Euros / total.Euros;

    public int CompareTo(Money other) => Euros.CompareTo(other.Euros);

    public static Money operator +(Money left, Money right) => new(left.Euros + right.Euros);

    public static Money operator -(Money left, Money right) => new(left.Euros - right.Euros);

    public static Money operator -(Money value) => new(-value.Euros);

    public static bool operator <(Money left, Money right) => left.Euros < right.Euros;

    public static bool operator >(Money left, Money right) => left.Euros > right.Euros;

    public static bool operator <=(Money left, Money right) => left.Euros <= right.Euros;

    public static bool operator >=(Money left, Money right) => left.Euros >= right.Euros;

    /// <summary>German notation for messages, e.g. <c>3.500,00 €</c>.</summary>
    public override string ToString() => Euros.ToString("#,##0.00", GermanNumbers) + " €";
}
