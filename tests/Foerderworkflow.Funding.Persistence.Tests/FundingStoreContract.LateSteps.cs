using System.Globalization;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Persistence.Tests.Infrastructure;
using Foerderworkflow.Funding.Registry;

namespace Foerderworkflow.Funding.Persistence.Tests;

/// <summary>The steps after the grant (payouts, changes, withdrawal, reclaim and repayment) through the real action-fund workflow.</summary>
public abstract partial class FundingStoreContract
{
    [Fact]
    public async Task Workflow_Payouts_AddToPaid_UntilTheCaseClosesKeepingTheGrant()
    {
        var fund = await NewFundAsync(budget: 10_000m);
        var (application, id) = await GrantedAsync(fund, 2_000m);

        await PayAsync(id, 1_200m);
        var first = await SummaryAsync(application.ApplicationId);
        Assert.Equal((ApplicationStatus.GrantAccepted, 2_000m, 1_200m), (first.Status, first.GrantedAmount, first.PaidAmount));
        Assert.Equal((2_000m, 1_200m, 8_000m), Figures(await BudgetAsync(fund)));

        await PayAsync(id, 800m);
        Assert.Equal(2_000m, (await SummaryAsync(application.ApplicationId)).PaidAmount);
        Assert.Equal(2_000m, (await BudgetAsync(fund)).Paid);

        await CompleteAsync(id, "ProjectExecution", """{"outcome":"ProjectEnded"}""");
        await CompleteAsync(id, "ProofOfUse", """{"spentAmount":2000,"report":"Alles wie geplant"}""");
        await CompleteAsync(id, "ProofOfUseReview", """{"outcome":"Accepted"}""");

        var closed = await SummaryAsync(application.ApplicationId);
        Assert.Equal((ApplicationStatus.Closed, 2_000m, 2_000m), (closed.Status, closed.GrantedAmount, closed.PaidAmount));
        var budget = await BudgetAsync(fund);
        Assert.Equal((2_000m, 2_000m, 8_000m), Figures(budget));
        Assert.Equal((0m, 0m), (budget.Released, budget.Returned));
        Assert.Equal(3, await ScalarAsync("SELECT COUNT(*) FROM funding_bookings WHERE application_id = @id", ("@id", application.ApplicationId)));
    }

    [Fact]
    public async Task Workflow_WithdrawalBeforeAnyPayout_ReleasesTheWholeCommitment()
    {
        var fund = await NewFundAsync(budget: 10_000m);
        var (application, id) = await GrantedAsync(fund, 2_500m);
        Assert.Equal(7_500m, (await BudgetAsync(fund)).Available);

        await CompleteAsync(id, "Withdrawal", """{"reason":"Die Veranstaltung fällt aus"}""");

        var withdrawn = await SummaryAsync(application.ApplicationId);
        Assert.Equal((ApplicationStatus.Withdrawn, 2_500m, 0m), (withdrawn.Status, withdrawn.GrantedAmount, withdrawn.PaidAmount));
        Assert.Equal(WorkflowStatus.Finished, (await Fixture.Store.FindInstanceAsync(id))!.Status);
        var budget = await BudgetAsync(fund);
        Assert.Equal((2_500m, 2_500m, 10_000m), (budget.Committed, budget.Released, budget.Available));
    }

    [Fact]
    public async Task Workflow_WithdrawalDuringTheFormalReview_RegistersWithdrawn_WithoutMoney()
    {
        var fund = await NewFundAsync(budget: 10_000m);
        var (application, id) = await SubmitAsync(fund);

        await CompleteAsync(id, "Withdrawal", "{}");

        Assert.Equal(ApplicationStatus.Withdrawn, (await SummaryAsync(application.ApplicationId)).Status);
        var budget = await BudgetAsync(fund);
        Assert.Equal((0m, 0m, 10_000m), (budget.Committed, budget.Released, budget.Available));
    }

    [Fact]
    public async Task Workflow_ApprovedChangeOfTheCostPlan_KeepsGrantAndBudget()
    {
        // The workflow's change step reallocates cost lines within the grant (ANBest-P 1.2); its ChangeApproved carries
        // no new amount, so grant and commitment stay.
        var fund = await NewFundAsync(budget: 10_000m);
        var (application, id) = await GrantedAsync(fund, 2_000m);

        await CompleteAsync(id, "ProjectExecution", """{"outcome":"ChangeRequested","reason":"Mehr Honorar, weniger Material","costLines":[{"description":"Honorar","amount":1500}]}""");
        await CompleteAsync(id, "ChangeReview", """{"outcome":"Approved"}""");
        await TaskAsync(id, "ProjectExecution");

        var summary = await SummaryAsync(application.ApplicationId);
        Assert.Equal((ApplicationStatus.GrantAccepted, 2_000m), (summary.Status, summary.GrantedAmount));
        Assert.Equal((2_000m, 0m, 8_000m), Figures(await BudgetAsync(fund)));
    }

    [Fact]
    public async Task Workflow_ReclaimDunned_RegisterShowsTheRepaymentOverdue()
    {
        var (_, application, id) = await ReclaimedAsync();

        // The default repayment ladder: a week before, on the day, then the first dunning.
        var rungs = (await Fixture.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 100_000)).Where(t => t.InstanceId == id).OrderBy(t => t.DueAt).ToList();
        Assert.Equal(4, rungs.Count);
        await Runtime.FireTimerAsync(rungs[0]);
        Assert.Equal(ApplicationStatus.ReclaimRaised, (await SummaryAsync(application.ApplicationId)).Status);
        await Runtime.FireTimerAsync(rungs[2]);

        Assert.Equal(ApplicationStatus.RepaymentOverdue, (await SummaryAsync(application.ApplicationId)).Status);
    }

    [Fact]
    public async Task Workflow_Reclaim_Repaid_ThenClosed_ReturnsThePaidExcessOnce()
    {
        var (fund, application, id) = await ReclaimedAsync();
        Assert.Equal(ApplicationStatus.ReclaimRaised, (await SummaryAsync(application.ApplicationId)).Status);
        Assert.Equal((2_000m, 2_000m, 8_000m), Figures(await BudgetAsync(fund)));

        // 500 € reclaimed plus interest; the office records 510 € received.
        var today = DateOnly.FromDateTime(Fixture.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await CompleteAsync(id, "Repayment", $$"""{"amount":510,"paidOn":"{{today}}"}""");

        // Repaid is followed by ApplicationClosed in the same burst: the register ends Closed.
        var closed = await SummaryAsync(application.ApplicationId);
        Assert.Equal(ApplicationStatus.Closed, closed.Status);
        Assert.Equal(WorkflowStatus.Finished, (await Fixture.Store.FindInstanceAsync(id))!.Status);
        // 2,000 € left the fund, 510 € came back: 1,490 € spent from the year. The 500 € paid beyond the final grant
        // come back as the repayment only, not also as a release.
        var budget = await BudgetAsync(fund);
        Assert.Equal((0m, 510m, 2_000m), (budget.Released, budget.Returned, budget.Paid));
        Assert.Equal(8_510m, budget.Available);
    }

    [Fact]
    public async Task ChangeApproved_ToAHigherGrant_CommitsTheIncreaseThroughTheBudgetGate()
    {
        var fund = await NewFundAsync(budget: 5_000m);
        var (application, _) = await SubmitAsync(fund);
        var now = Fixture.Clock.GetUtcNow();
        await CommitElsewhereAsync(Message(new ApplicationApproved
        {
            ApplicationId = application.ApplicationId, Fund = fund.Id, BudgetYear = Year, OccurredAt = now, DecisionId = "D", ApprovedAmount = MoneyAmount.Euro(3_000m),
        }));

        var raised = Message(new ChangeApproved
        {
            ApplicationId = application.ApplicationId, Fund = fund.Id, BudgetYear = Year, OccurredAt = now, ChangeRequestId = "C-1", Description = "Zweiter Workshop",
            NewApprovedAmount = MoneyAmount.Euro(4_000m),
        });
        await CommitElsewhereAsync(raised);
        // Replayed (outbox row cleaned up in between): booked once.
        await ScalarAsync("DELETE FROM workflow_outbox WHERE message_id = @id", ("@id", raised.Id));
        await CommitElsewhereAsync(raised);
        Assert.Equal(4_000m, (await SummaryAsync(application.ApplicationId)).GrantedAmount);
        Assert.Equal((4_000m, 0m, 1_000m), Figures(await BudgetAsync(fund)));

        // 2,000 € more do not fit into the 1,000 € left: refused, nothing changes.
        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => CommitElsewhereAsync(Message(new ChangeApproved
        {
            ApplicationId = application.ApplicationId, Fund = fund.Id, BudgetYear = Year, OccurredAt = now, ChangeRequestId = "C-2", Description = "Dritter Workshop",
            NewApprovedAmount = MoneyAmount.Euro(6_000m),
        })));
        Assert.Equal("amount", Assert.Single(refused.Errors).Field);
        Assert.Equal(4_000m, (await SummaryAsync(application.ApplicationId)).GrantedAmount);
        Assert.Equal(1_000m, (await BudgetAsync(fund)).Available);

        // Lowered to 2,500 €: 1,500 € go back.
        await CommitElsewhereAsync(Message(new ChangeApproved
        {
            ApplicationId = application.ApplicationId, Fund = fund.Id, BudgetYear = Year, OccurredAt = now, ChangeRequestId = "C-3", Description = "Nur ein Workshop",
            NewApprovedAmount = MoneyAmount.Euro(2_500m),
        }));
        Assert.Equal(2_500m, (await SummaryAsync(application.ApplicationId)).GrantedAmount);
        var budget = await BudgetAsync(fund);
        Assert.Equal((4_000m, 1_500m, 2_500m), (budget.Committed, budget.Released, budget.Available));
    }

    /// <summary>Submitted, approved with <paramref name="grant"/> and accepted: the case waits in the project loop.</summary>
    private async Task<(ApplicationCase Application, string InstanceId)> GrantedAsync(Fund fund, decimal grant)
    {
        var submitted = await SubmitAsync(fund, requested: grant, projectStart: DateOnly.FromDateTime(FundingStoreFixture.Start.UtcDateTime));
        await ToOfficeDecisionAsync(submitted.InstanceId);
        await Runtime.ResumeAsync((await TaskAsync(submitted.InstanceId, "OfficeDecision")).Id, Approve(grant));
        await CompleteAsync(submitted.InstanceId, "GrantAcceptance", """{"outcome":"AppealWaived","signedBy":"Erika Muster"}""");
        await TaskAsync(submitted.InstanceId, "ProjectExecution");
        return submitted;
    }

    /// <summary>A payout request for expenses due today, ordered by the office in full.</summary>
    private async Task PayAsync(string instanceId, decimal amount)
    {
        var today = DateOnly.FromDateTime(Fixture.Clock.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await CompleteAsync(instanceId, "ProjectExecution", string.Create(CultureInfo.InvariantCulture,
            $$"""{"outcome":"PayoutRequested","amount":{{amount}},"expenditures":[{"dueOn":"{{today}}","amount":{{amount}},"description":"Honorar"}]}"""));
        await CompleteAsync(instanceId, "PayoutReview", """{"outcome":"Ordered"}""");
        await TaskAsync(instanceId, "ProjectExecution");
    }

    private static (decimal Committed, decimal Paid, decimal Available) Figures(FundBudgetStatus budget) => (budget.Committed, budget.Paid, budget.Available);

    /// <summary>A case granted and paid 2,000 € from a fund of 10,000 €, 1,500 € spent, 500 € reclaimed.</summary>
    private async Task<(Fund Fund, ApplicationCase Application, string InstanceId)> ReclaimedAsync()
    {
        var fund = await NewFundAsync(budget: 10_000m);
        var (application, id) = await GrantedAsync(fund, 2_000m);
        await PayAsync(id, 2_000m);
        await CompleteAsync(id, "ProjectExecution", """{"outcome":"ProjectEnded"}""");
        await CompleteAsync(id, "ProofOfUse", """{"spentAmount":1500,"report":"Weniger Gäste als geplant"}""");
        await CompleteAsync(id, "ProofOfUseReview", """{"outcome":"Reclaim","reason":"Mittel nicht vollständig verwendet"}""");
        return (fund, application, id);
    }
}
