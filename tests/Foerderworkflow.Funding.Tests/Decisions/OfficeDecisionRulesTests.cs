using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Committee;
using Foerderworkflow.Funding.Decisions;
using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Funding.Tests.Decisions;

public sealed class OfficeDecisionRulesTests
{
    private static readonly Fund Fund = DemoFunds.ActionFund(2026);
    private static Money Eur(decimal euros) => Money.FromEuros(euros);

    [Fact]
    public void ValidateApproval_LessThanRequestedWithAReason_IsAllowed() =>
        Assert.Empty(OfficeDecisionRules.ValidateApproval(Fund, requested: Eur(1_800m), approved: Eur(1_500m), null, remainingBudget: Eur(10_000m), deviationReason: "Raummiete trägt die Stadt"));

    [Fact]
    public void ValidateApproval_LessThanRequestedWithoutAReason_NamesDeviationReason() =>
        Assert.Equal("deviationReason", Assert.Single(OfficeDecisionRules.ValidateApproval(Fund, Eur(1_800m), Eur(1_500m), null, Eur(10_000m))).Field);

    [Theory]
    [InlineData(ResolutionOutcome.Reject)]
    [InlineData(ResolutionOutcome.Defer)]
    public void ValidateApproval_AgainstTheCommittee_NeedsAReason(ResolutionOutcome recommendation)
    {
        Assert.Equal("deviationReason", Assert.Single(OfficeDecisionRules.ValidateApproval(Fund, Eur(1_800m), Eur(1_800m), null, Eur(10_000m), recommendation)).Field);
        Assert.Empty(OfficeDecisionRules.ValidateApproval(Fund, Eur(1_800m), Eur(1_800m), null, Eur(10_000m), recommendation, "Bedenken ausgeräumt"));
    }

    [Fact]
    public void ValidateApproval_AsRecommendedAndRequested_NeedsNoReason() =>
        Assert.Empty(OfficeDecisionRules.ValidateApproval(Fund, Eur(1_800m), Eur(1_800m), null, Eur(10_000m), ResolutionOutcome.RecommendWithConditions));

    [Fact]
    public void ValidateApproval_MoreThanRequested_NamesAmount() =>
        Assert.Equal("amount", Assert.Single(OfficeDecisionRules.ValidateApproval(Fund, Eur(1_800m), Eur(1_800.01m), null, Eur(10_000m))).Field);

    [Fact]
    public void ValidateApproval_AboveCapWithoutReason_IsRefused()
    {
        var error = Assert.Single(OfficeDecisionRules.ValidateApproval(Fund, Eur(3_600m), Eur(3_600m), null, Eur(10_000m)));

        Assert.Contains("Förderhöchstgrenze", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateApproval_AboveCapWithReason_IsAllowed() =>
        Assert.Empty(OfficeDecisionRules.ValidateApproval(Fund, Eur(3_600m), Eur(3_600m), "Gesamtstädtische Veranstaltung", Eur(10_000m)));

    [Fact]
    public void ValidateApproval_AboveRemainingBudget_NamesWhatIsLeft()
    {
        var error = Assert.Single(OfficeDecisionRules.ValidateApproval(Fund, Eur(1_800m), Eur(1_800m), null, remainingBudget: Eur(1_200m)));

        Assert.Contains("1.200,00 €", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ValidateApproval_Zero_IsRefused() =>
        Assert.Equal("amount", Assert.Single(OfficeDecisionRules.ValidateApproval(Fund, Eur(1_800m), Money.Zero, null, Eur(10_000m))).Field);

    [Fact]
    public void ValidateRejection_WithoutReasons_IsRefused()
    {
        Assert.Equal("reasons", Assert.Single(OfficeDecisionRules.ValidateRejection([])).Field);
        Assert.Equal("reasons", Assert.Single(OfficeDecisionRules.ValidateRejection(["  "])).Field);
    }

    [Fact]
    public void ValidateRejection_WithReason_IsAllowed() =>
        Assert.Empty(OfficeDecisionRules.ValidateRejection(["Das Projekt liegt außerhalb der Förderziele des Programms."]));
}
