using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Changes;
using Foerderworkflow.Funding.Tests.Applications;

namespace Foerderworkflow.Funding.Tests.Changes;

public sealed class ChangeRequestRuleTests
{
    // Plan: 1,200 € fee, 500 € rent, 300 € publicity.
    private static readonly Funding.Applications.CostAndFinancingPlan Plan = SampleApplications.Plan();
    private static Money[] Actual(params decimal[] amounts) => [.. amounts.Select(Money.FromEuros)];

    [Fact]
    public void Assess_TwentyPercentOverCoveredBySavings_NeedsNoChangeRequest() =>
        Assert.False(ChangeRequestRule.Assess(Plan, Actual(1_200m, 600m, 200m)).Required);

    [Fact]
    public void Assess_MoreThanTwentyPercentOverDespiteSavings_NeedsChangeRequest()
    {
        var assessment = ChangeRequestRule.Assess(Plan, Actual(1_000m, 600.01m, 300m));

        Assert.True(assessment.Required);
        Assert.Equal("costPlan.lines[1].amount", Assert.Single(assessment.Reasons).Field);
    }

    [Fact]
    public void Assess_OverrunWithoutSavingsElsewhere_NeedsChangeRequest()
    {
        var assessment = ChangeRequestRule.Assess(Plan, Actual(1_200m, 550m, 300m));

        Assert.True(assessment.Required);
        Assert.Equal("costPlan.lines", Assert.Single(assessment.Reasons).Field);
    }

    [Fact]
    public void Assess_AllLinesAsPlanned_NeedsNoChangeRequest() =>
        Assert.Empty(ChangeRequestRule.Assess(Plan, Actual(1_200m, 500m, 300m)).Reasons);

    [Fact]
    public void Assess_WrongNumberOfAmounts_Throws() =>
        Assert.Throws<ArgumentException>(() => ChangeRequestRule.Assess(Plan, Actual(1_200m)));
}
