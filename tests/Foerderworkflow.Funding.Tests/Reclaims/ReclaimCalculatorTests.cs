using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Reclaims;

namespace Foerderworkflow.Funding.Tests.Reclaims;

public sealed class ReclaimCalculatorTests
{
    private static Money Eur(decimal euros) => Money.FromEuros(euros);

    [Fact]
    public void Assess_CostsAsPlanned_IsBalanced()
    {
        var assessment = ReclaimCalculator.Assess(grant: Eur(1_800m), paidOut: Eur(1_800m), actualCosts: Eur(2_000m), plannedOwnFunds: Eur(200m), actualOwnFunds: Eur(200m), actualThirdPartyFunds: Money.Zero);

        Assert.True(assessment.IsBalanced);
        Assert.Equal(Eur(1_800m), assessment.FinalGrant);
    }

    [Fact]
    public void Assess_CostsFellAfterFullPayout_ReclaimsTheDifference()
    {
        var assessment = ReclaimCalculator.Assess(Eur(1_800m), Eur(1_800m), actualCosts: Eur(1_700m), Eur(200m), Eur(200m), Money.Zero);

        Assert.Equal(Eur(1_500m), assessment.FinalGrant);
        Assert.Equal(Eur(300m), assessment.Reclaim);
        Assert.Equal(Money.Zero, assessment.ReleasableCommitment);
    }

    [Fact]
    public void Assess_CostsFellBeforeLastPayout_ReleasesTheUnpaidRest()
    {
        var assessment = ReclaimCalculator.Assess(Eur(1_800m), paidOut: Eur(1_000m), actualCosts: Eur(1_400m), Eur(200m), Eur(200m), Money.Zero);

        Assert.Equal(Eur(1_200m), assessment.FinalGrant);
        Assert.Equal(Money.Zero, assessment.Reclaim);
        Assert.Equal(Eur(600m), assessment.ReleasableCommitment);
    }

    [Fact]
    public void Assess_LessOwnFundsThanPlanned_DoesNotRaiseTheGrant()
    {
        var assessment = ReclaimCalculator.Assess(Eur(1_800m), Eur(1_800m), Eur(1_900m), plannedOwnFunds: Eur(200m), actualOwnFunds: Eur(100m), Money.Zero);

        Assert.Equal(Eur(1_700m), assessment.FinalGrant);
        Assert.Equal(Eur(100m), assessment.Reclaim);
    }

    [Fact]
    public void Assess_CostsAbovePlan_GrantStaysCapped() =>
        Assert.Equal(Eur(1_800m), ReclaimCalculator.Assess(Eur(1_800m), Eur(1_800m), Eur(2_500m), Eur(200m), Eur(200m), Money.Zero).FinalGrant);
}
