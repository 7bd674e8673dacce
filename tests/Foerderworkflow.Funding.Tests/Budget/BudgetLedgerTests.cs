using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Budget;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Tests.Budget;

public sealed class BudgetLedgerTests
{
    private static Money Eur(decimal euros) => Money.FromEuros(euros);

    private static BudgetLedger Herten() => new(new FundBudget(2024, Eur(64_000m)));

    [Fact]
    public void Commit_UpToTheBudget_LeavesNothing()
    {
        var ledger = Herten().Commit(Eur(60_500m)).Commit(Eur(3_500m));

        Assert.Equal(Money.Zero, ledger.Available);
        Assert.Equal(Eur(64_000m), ledger.NetCommitted);
    }

    [Fact]
    public void Commit_OneCentTooMuch_IsRefusedAndLedgerUnchanged()
    {
        var ledger = Herten().Commit(Eur(62_000m));

        var exception = Assert.Throws<FundingRuleViolationException>(() => ledger.Commit(Eur(2_000.01m)));

        Assert.Equal("amount", Assert.Single(exception.Errors).Field);
        Assert.Contains("verfügbar sind noch 2.000,00 €", exception.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(Eur(2_000m), ledger.Available);
    }

    [Fact]
    public void Release_WithdrawnApplication_ReturnsMoneyToTheYear()
    {
        var ledger = Herten().Commit(Eur(64_000m)).Release(Eur(1_500m));

        Assert.Equal(Eur(1_500m), ledger.Available);
        Assert.Null(ledger.CheckCommitment(Eur(1_500m)));
    }

    [Fact]
    public void ReturnReclaim_RepaidPrincipal_ReturnsMoneyToTheYear()
    {
        var ledger = Herten().Commit(Eur(64_000m)).ReturnReclaim(Eur(250.50m));

        Assert.Equal(Eur(250.50m), ledger.Available);
        Assert.Equal(Eur(250.50m), ledger.Returned);
    }

    [Fact]
    public void Release_MoreThanCommitted_IsRefused() =>
        Assert.Throws<FundingRuleViolationException>(() => Herten().Commit(Eur(100m)).Release(Eur(100.01m)));

    [Fact]
    public void Commit_FirstRoundOverItsShare_IsRefused_SecondRoundMayUseTheRest()
    {
        var ledger = new BudgetLedger(new FundBudget(2026, Eur(40_000m)) { Rounds = [new BudgetRound("Frühjahr", Eur(20_000m)), new BudgetRound("Herbst", Eur(20_000m))] })
            .Commit(Eur(19_000m), roundIndex: 0);

        Assert.NotNull(ledger.CheckCommitment(Eur(1_000.01m), roundIndex: 0));
        Assert.Equal(Money.Zero, ledger.Commit(Eur(1_000m), roundIndex: 0).Commit(Eur(20_000m), roundIndex: 1).Available);
    }

    [Fact]
    public void CheckCommitment_UnknownRound_NamesRound() =>
        Assert.Equal("round", Herten().CheckCommitment(Eur(1m), roundIndex: 0)?.Field);

    [Fact]
    public void CheckCommitment_NonPositive_IsRefused() =>
        Assert.NotNull(Herten().CheckCommitment(Money.Zero));
}
