using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Payouts;

namespace Foerderworkflow.Funding.Tests.Payouts;

public sealed class PayoutRulesTests
{
    private static readonly FundPeriod SixWeeks = FundPeriod.Weeks(6);
    private static readonly DateOnly RequestedOn = new(2026, 5, 4);
    private static Money Eur(decimal euros) => Money.FromEuros(euros);

    private static PayoutRequest Request(decimal amount, decimal unspent = 0m) => new()
    {
        RequestedOn = RequestedOn,
        Amount = Eur(amount),
        UnspentFromEarlierPayouts = Eur(unspent),
        Expenditures =
        [
            new PlannedExpenditure(new DateOnly(2026, 5, 20), Eur(600m), "Honorar Workshop 1"),
            new PlannedExpenditure(new DateOnly(2026, 6, 15), Eur(500m), "Raummiete"),
            new PlannedExpenditure(new DateOnly(2026, 9, 1), Eur(700m), "Honorar Workshop 3"),
        ],
    };

    [Fact]
    public void HorizonEnd_SixWeeks_IsFortyTwoDaysLater() =>
        Assert.Equal(new DateOnly(2026, 6, 15), PayoutRules.HorizonEnd(RequestedOn, SixWeeks));

    [Fact]
    public void Validate_OnlyWhatIsDueWithinSixWeeks_IsAllowed()
    {
        Assert.Equal(Eur(1_100m), PayoutRules.MaximumPayable(Request(1_100m), grant: Eur(1_800m), alreadyPaid: Money.Zero, SixWeeks));
        Assert.Empty(PayoutRules.Validate(Request(1_100m), Eur(1_800m), Money.Zero, SixWeeks));
    }

    [Fact]
    public void Validate_ExpenseAfterSixWeeks_IsRefused()
    {
        var error = Assert.Single(PayoutRules.Validate(Request(1_800m), Eur(1_800m), Money.Zero, SixWeeks));

        Assert.Equal("amount", error.Field);
        Assert.Contains("innerhalb von 6 Wochen", error.Message, StringComparison.Ordinal);
        Assert.Contains("15.06.2026", error.Message, StringComparison.Ordinal);
        Assert.Contains("1.100,00 €", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnspentEarlierPayout_ReducesWhatIsNeeded() =>
        Assert.Equal(Eur(800m), PayoutRules.MaximumPayable(Request(900m, unspent: 300m), Eur(1_800m), Eur(300m), SixWeeks));

    [Fact]
    public void Validate_TwoMonthHorizon_CoversLaterExpenses() =>
        Assert.Equal(Eur(1_100m), PayoutRules.MaximumPayable(Request(1_100m), Eur(1_800m), Money.Zero, FundPeriod.Months(2)));

    [Fact]
    public void Validate_CumulativePayoutsAboveGrant_AreRefused()
    {
        var error = Assert.Single(PayoutRules.Validate(Request(600m), grant: Eur(1_800m), alreadyPaid: Eur(1_300m), SixWeeks));

        Assert.Contains("höchstens noch 500,00 €", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MaximumPayable_GrantFullyPaid_IsZero() =>
        Assert.Equal(Money.Zero, PayoutRules.MaximumPayable(Request(1m), Eur(1_800m), Eur(1_800m), SixWeeks));

    [Fact]
    public void Validate_NoExpenditures_NamesExpenditures() =>
        Assert.Equal("expenditures", Assert.Single(PayoutRules.Validate(Request(100m) with { Expenditures = [] }, Eur(1_800m), Money.Zero, SixWeeks)).Field);
}
