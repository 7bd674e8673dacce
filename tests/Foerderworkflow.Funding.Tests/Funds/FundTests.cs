using Foerderworkflow.Funding.Deadlines;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Tests.Funds;

public sealed class FundTests
{
    [Fact]
    public void Defaults_NewFund_FollowCommonPractice()
    {
        var fund = new Fund { Id = "x", Name = "Fonds", FileNumberPrefix = "AIF", CapPerProject = Money.FromEuros(3_500m) };

        Assert.Equal(Money.FromEuros(500m), fund.SmallProjectThreshold);
        Assert.Equal(FundPeriod.Weeks(6), fund.ProofOfUsePeriod);
        Assert.Equal(FundPeriod.Weeks(6), fund.PayoutHorizon);
        Assert.Equal(FederalState.NW, fund.FederalState);
        Assert.Equal(DecidingBody.Committee, fund.DecidingBody);
        Assert.Equal(new DateOnly(2026, 12, 31), fund.LatestProjectEndIn(2026));
        Assert.Empty(fund.Validate());
    }

    [Fact]
    public void Validate_DemoFunds_AreValid()
    {
        Assert.Empty(DemoFunds.ActionFund(2026).Validate());
        Assert.Empty(DemoFunds.YouthFund(2026).Validate());
    }

    [Fact]
    public void Validate_BrokenLimits_NamesEveryField()
    {
        var fund = DemoFunds.ActionFund(2026) with
        {
            Name = " ",
            FileNumberPrefix = "aif",
            CapPerProject = Money.Zero,
            MinimumOwnShare = 1.2m,
            SmallProjectThreshold = Money.FromEuros(-1m),
            PayoutHorizon = FundPeriod.Weeks(0),
            ProofOfUsePeriod = FundPeriod.Months(7),
            LatestProjectEnd = new MonthDay(2, 30),
            Budgets = [new FundBudget(2026, Money.FromEuros(1_000m)) { Rounds = [new BudgetRound("1. Runde", Money.FromEuros(800m)), new BudgetRound("2. Runde", Money.FromEuros(300m))] }, new FundBudget(2026, Money.FromEuros(-5m))],
        };

        var fields = fund.Validate().Select(e => e.Field).ToList();

        Assert.Equal(
            ["name", "fileNumberPrefix", "capPerProject", "minimumOwnShare", "smallProjectThreshold", "proofOfUsePeriod", "payoutHorizon", "latestProjectEnd", "budgets[0].rounds", "budgets[1].year", "budgets[1].amount"],
            fields);
    }

    [Fact]
    public void EnsureValid_ThresholdAboveCap_ThrowsWithField()
    {
        var fund = DemoFunds.ActionFund(2026) with { SmallProjectThreshold = Money.FromEuros(4_000m) };

        var exception = Assert.Throws<FundingRuleViolationException>(() => fund.EnsureValid());

        Assert.Equal("smallProjectThreshold", Assert.Single(exception.Errors).Field);
    }

    [Fact]
    public void IsSmallProject_AtThreshold_IsSmall()
    {
        var fund = DemoFunds.ActionFund(2026);

        Assert.True(fund.IsSmallProject(Money.FromEuros(500m)));
        Assert.False(fund.IsSmallProject(Money.FromEuros(500.01m)));
    }

    [Fact]
    public void CeilingForRound_TwoRounds_IsCumulative()
    {
        var budget = new FundBudget(2026, Money.FromEuros(40_000m)) { Rounds = [new BudgetRound("Frühjahr", Money.FromEuros(20_000m)), new BudgetRound("Herbst", Money.FromEuros(20_000m))] };

        Assert.Equal(Money.FromEuros(20_000m), budget.CeilingForRound(0));
        Assert.Equal(Money.FromEuros(40_000m), budget.CeilingForRound(1));
        Assert.Equal(Money.FromEuros(40_000m), budget.CeilingForRound(null));
    }

    [Fact]
    public void FundPeriod_MonthsFromEndOfMonth_EndsOnLastDay() =>
        Assert.Equal(new DateOnly(2026, 2, 28), FundPeriod.Months(1).AddTo(new DateOnly(2026, 1, 31)));
}
