using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Applications;
using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Funding.Tests.Applications;

public sealed class CostPlanRulesTests
{
    private readonly Fund fund = DemoFunds.ActionFund(2026);

    [Fact]
    public void Validate_RequestedEqualsGap_HasNoErrors()
    {
        var plan = SampleApplications.Plan();

        Assert.Equal(Money.FromEuros(2_000m), plan.TotalCosts);
        Assert.Equal(Money.FromEuros(1_800m), plan.FundingGap);
        Assert.Empty(CostPlanRules.Validate(plan, fund, null));
    }

    [Fact]
    public void Validate_RequestedAboveGap_NamesRequestedAmountWithArithmetic()
    {
        var plan = SampleApplications.Plan(own: 200m, thirdParty: 100m, requested: 1_800m);

        var error = Assert.Single(CostPlanRules.Validate(plan, fund, null));

        Assert.Equal("costPlan.requestedAmount", error.Field);
        Assert.Contains("2.000,00 € − Eigenmittel 200,00 € − Drittmittel 100,00 € = 1.700,00 €", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_CentsInLines_GapIsExact() =>
        Assert.Empty(CostPlanRules.Validate(SampleApplications.Plan(own: 33.34m, requested: 300.00m, lines: [111.11m, 111.11m, 111.12m]), fund, null));

    [Fact]
    public void Validate_NonPositiveLine_NamesTheLine()
    {
        var plan = SampleApplications.Plan(own: 100m, requested: 900m, lines: [500m, 500m, 0m]);

        var error = Assert.Single(CostPlanRules.Validate(plan, fund, null));

        Assert.Equal("costPlan.lines[2].amount", error.Field);
    }

    [Fact]
    public void Validate_NegativeFundsAndNoLines_NamesEachField()
    {
        var plan = new CostAndFinancingPlan { Lines = [], OwnFunds = Money.FromEuros(-1m), ThirdPartyFunds = Money.FromEuros(-2m), RequestedAmount = Money.Zero };

        var fields = CostPlanRules.Validate(plan, fund, null).Select(e => e.Field);

        Assert.Equal(["costPlan.lines", "costPlan.ownFunds", "costPlan.thirdPartyFunds", "costPlan.requestedAmount"], fields);
    }

    [Fact]
    public void Validate_OwnShareBelowMinimum_NamesOwnFundsWithMinimum()
    {
        var plan = SampleApplications.Plan(own: 199.99m, requested: 1_800.01m);

        var error = Assert.Single(CostPlanRules.Validate(plan, fund, null));

        Assert.Equal("costPlan.ownFunds", error.Field);
        Assert.Contains("mindestens 200,00 €", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MinimumOwnFunds_FractionOfCent_RoundsUp() =>
        Assert.Equal(Money.FromEuros(33.34m), CostPlanRules.MinimumOwnFunds(Money.FromEuros(333.33m), 0.10m));

    [Fact]
    public void Validate_RequestedAboveCapWithoutReason_NamesRequestedAmount()
    {
        var plan = SampleApplications.Plan(own: 500m, requested: 4_500m, lines: [5_000m]);

        var error = Assert.Single(CostPlanRules.Validate(plan, fund, null));

        Assert.Equal("costPlan.requestedAmount", error.Field);
        Assert.Contains("Förderhöchstgrenze", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_RequestedAboveCapWithReason_IsAccepted() =>
        Assert.Empty(CostPlanRules.Validate(SampleApplications.Plan(own: 500m, requested: 4_500m, lines: [5_000m]), fund, "Stadtteilfest für 800 Gäste, einmalig."));

    [Fact]
    public void Validate_RequestedAtCap_IsAccepted() =>
        Assert.Empty(CostPlanRules.Validate(SampleApplications.Plan(own: 500m, requested: 3_500m, lines: [4_000m]), fund, null));
}
