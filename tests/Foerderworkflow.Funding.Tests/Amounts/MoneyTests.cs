using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Tests.Amounts;

public sealed class MoneyTests
{
    [Theory]
    [InlineData(10.005, 10.01)]
    [InlineData(10.004, 10.00)]
    [InlineData(-10.005, -10.01)]
    public void FromEuros_MoreThanTwoDecimals_RoundsCommerciallyToCents(double input, double expected) =>
        Assert.Equal((decimal)expected, Money.FromEuros((decimal)input).Euros);

    [Fact]
    public void Arithmetic_SumAndDifference_StayInCents()
    {
        var total = Money.Sum([Money.FromEuros(0.10m), Money.FromEuros(0.20m), Money.FromCents(5)]);

        Assert.Equal(Money.FromEuros(0.35m), total);
        Assert.Equal(Money.FromEuros(-0.65m), total - Money.FromEuros(1m));
    }

    [Fact]
    public void EnsureNotNegative_NegativeAmount_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Money.FromEuros(-1m).EnsureNotNegative("amount"));

    [Fact]
    public void ToString_LargeAmount_UsesGermanNotation() =>
        Assert.Equal("64.000,50 €", Money.FromEuros(64_000.5m).ToString());

    [Fact]
    public void Equality_SameAmountDifferentScale_IsEqual() =>
        Assert.Equal(Money.FromEuros(1.0m), Money.FromEuros(1.00m));
}
