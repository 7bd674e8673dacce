using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Registry;

namespace Foerderworkflow.Funding.Persistence.Tests;

public abstract partial class FundingStoreContract
{
    [Fact]
    public async Task Approvals_InParallel_NeverExceedTheBudget()
    {
        const int Applications = 8;
        var fund = await NewFundAsync(budget: 10_000m);
        var cases = new List<(ApplicationCase Application, string InstanceId)>();
        for (var i = 0; i < Applications; i++)
        {
            var submitted = await SubmitAsync(fund, requested: 3_000m);
            await ToOfficeDecisionAsync(submitted.InstanceId);
            cases.Add(submitted);
        }

        var decisions = new List<string>();
        foreach (var (_, instanceId) in cases)
        {
            decisions.Add((await TaskAsync(instanceId, "OfficeDecision")).Id);
        }

        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var approvals = decisions.Select(bookmarkId => Task.Run(async () =>
        {
            await start.Task;
            try
            {
                await Runtime.ResumeAsync(bookmarkId, Approve(3_000m));
                return (Approved: true, Refusal: (BudgetExceededException?)null);
            }
            catch (BudgetExceededException refusal)
            {
                return (Approved: false, Refusal: refusal);
            }
        })).ToList();
        start.SetResult();
        var outcomes = await Task.WhenAll(approvals);

        Assert.Equal(3, outcomes.Count(o => o.Approved));
        var refusal = outcomes.First(o => !o.Approved).Refusal!;
        Assert.Equal("amount", Assert.Single(refusal.Errors).Field);
        Assert.Contains("3.000,00 €", refusal.Message, StringComparison.Ordinal);
        Assert.Contains("Haushaltsjahr 2026", refusal.Message, StringComparison.Ordinal);
        var budget = await BudgetAsync(fund);
        Assert.Equal((9_000m, 1_000m), (budget.Committed, budget.Available));
        Assert.Equal(3, await ScalarAsync("SELECT COUNT(*) FROM funding_bookings WHERE fund_id = @fund AND kind = 'Commitment'", ("@fund", fund.Id)));
        for (var i = 0; i < Applications; i++)
        {
            var summary = await SummaryAsync(cases[i].Application.ApplicationId);
            if (outcomes[i].Approved)
            {
                Assert.Equal((ApplicationStatus.Approved, (decimal?)3_000m), (summary.Status, summary.GrantedAmount));
                await TaskAsync(cases[i].InstanceId, "GrantAcceptance");
            }
            else
            {
                // Nothing of the burst was stored: the case still waits at the same decision task.
                Assert.Equal((ApplicationStatus.AwaitingDecision, (decimal?)null), (summary.Status, summary.GrantedAmount));
                Assert.Equal(decisions[i], (await TaskAsync(cases[i].InstanceId, "OfficeDecision")).Id);
                Assert.Equal(0, await ScalarAsync(
                    "SELECT COUNT(*) FROM workflow_outbox WHERE instance_id = @id AND message_type = 'ApplicationApproved'", ("@id", cases[i].InstanceId)));
            }
        }
    }

    [Fact]
    public async Task Approval_AboveWhatIsLeft_IsRefused_AndALowerAmountThenPasses()
    {
        var fund = await NewFundAsync(budget: 2_500m);
        var (application, id) = await SubmitAsync(fund, requested: 3_000m);
        await ToOfficeDecisionAsync(id);
        var task = await TaskAsync(id, "OfficeDecision");
        var version = (await Fixture.Store.FindInstanceAsync(id))!.Version;

        var refused = await Assert.ThrowsAsync<BudgetExceededException>(() => Runtime.ResumeAsync(task.Id, Approve(3_000m)));

        Assert.Equal((fund.Id, Year, 3_000m), (refused.FundId, refused.Year, refused.Amount));
        Assert.Equal(version, (await Fixture.Store.FindInstanceAsync(id))!.Version);
        Assert.Equal(0m, (await BudgetAsync(fund)).Committed);

        await Runtime.ResumeAsync(task.Id, Approve(2_500m));
        Assert.Equal(2_500m, (await SummaryAsync(application.ApplicationId)).GrantedAmount);
        Assert.Equal(0m, (await BudgetAsync(fund)).Available);
    }

    [Fact]
    public async Task Replayed_Messages_AreBookedOnce()
    {
        var fund = await NewFundAsync(budget: 10_000m);
        var (application, _) = await SubmitAsync(fund);
        var approved = Message(new ApplicationApproved
        {
            ApplicationId = application.ApplicationId, Fund = fund.Id, BudgetYear = Year, OccurredAt = Fixture.Clock.GetUtcNow(), DecisionId = "D-1",
            ApprovedAmount = MoneyAmount.Euro(3_000m),
        });
        var payout = Message(new PayoutOrdered
        {
            ApplicationId = application.ApplicationId, Fund = fund.Id, BudgetYear = Year, OccurredAt = Fixture.Clock.GetUtcNow(), PayoutId = "P-1",
            Amount = MoneyAmount.Euro(1_000m), PayOn = Fixture.Clock.GetUtcNow(),
        });

        // Each message is projected twice (the first outbox row deleted in between, as after delivery and clean-up).
        foreach (var message in new[] { approved, approved, payout, payout })
        {
            await ScalarAsync("DELETE FROM workflow_outbox WHERE message_id = @id", ("@id", message.Id));
            await CommitElsewhereAsync(message);
        }

        var budget = await BudgetAsync(fund);
        Assert.Equal((3_000m, 1_000m, 7_000m), (budget.Committed, budget.Paid, budget.Available));
        var summary = await SummaryAsync(application.ApplicationId);
        Assert.Equal((3_000m, 1_000m), (summary.GrantedAmount, summary.PaidAmount));
        Assert.Equal(2, await ScalarAsync("SELECT COUNT(*) FROM funding_bookings WHERE application_id = @id", ("@id", application.ApplicationId)));
    }

    [Fact]
    public async Task Withdrawal_ClosingBelowTheGrant_AndRepayment_ReturnMoneyToTheYear()
    {
        var fund = await NewFundAsync(budget: 10_000m);
        var (withdrawn, _) = await SubmitAsync(fund);
        var (closed, _) = await SubmitAsync(fund);
        var now = Fixture.Clock.GetUtcNow();
        foreach (var application in new[] { withdrawn, closed })
        {
            await CommitElsewhereAsync(Message(new ApplicationApproved
            {
                ApplicationId = application.ApplicationId, Fund = fund.Id, BudgetYear = Year, OccurredAt = now, DecisionId = "D", ApprovedAmount = MoneyAmount.Euro(3_000m),
            }));
        }

        // Withdrawn after 1,000 € were paid: the unpaid 2,000 € go back.
        await CommitElsewhereAsync(Message(new PayoutOrdered
        {
            ApplicationId = withdrawn.ApplicationId, Fund = fund.Id, BudgetYear = Year, OccurredAt = now, PayoutId = "P", Amount = MoneyAmount.Euro(1_000m), PayOn = now,
        }));
        await CommitElsewhereAsync(Message(new ApplicationWithdrawn { ApplicationId = withdrawn.ApplicationId, Fund = fund.Id, BudgetYear = Year, OccurredAt = now }));
        Assert.Equal(ApplicationStatus.Withdrawn, (await SummaryAsync(withdrawn.ApplicationId)).Status);
        Assert.Equal(2_000m, (await BudgetAsync(fund)).Released);

        // Closed keeping 2,400 € of 3,000 €: 600 € go back; the reclaimed 1,000 € of the withdrawn case come back when repaid.
        await CommitElsewhereAsync(Message(new ApplicationClosed { ApplicationId = closed.ApplicationId, Fund = fund.Id, BudgetYear = Year, OccurredAt = now, FinalAmount = MoneyAmount.Euro(2_400m) }));
        await CommitElsewhereAsync(Message(new Repaid { ApplicationId = withdrawn.ApplicationId, Fund = fund.Id, BudgetYear = Year, OccurredAt = now, ReclaimId = "R", Amount = MoneyAmount.Euro(1_000m) }));

        Assert.Equal(ApplicationStatus.Closed, (await SummaryAsync(closed.ApplicationId)).Status);
        var budget = await BudgetAsync(fund);
        Assert.Equal((6_000m, 2_600m, 1_000m, 1_000m), (budget.Committed, budget.Released, budget.Returned, budget.Paid));
        Assert.Equal(7_600m, budget.Available);
    }

    /// <summary>An outbox message as a funding activity writes it.</summary>
    private OutboxMessage Message<T>(T contract) =>
        new(Guid.NewGuid().ToString("N"), "unused", null, typeof(T).Name, FundingVariables.ToJson(contract), Fixture.Clock.GetUtcNow());

    /// <summary>Commits <paramref name="message"/> through the store as the first burst of a new instance of its own.</summary>
    private async Task CommitElsewhereAsync(OutboxMessage message)
    {
        var now = Fixture.Clock.GetUtcNow();
        var instance = new WorkflowInstance
        {
            Id = Guid.NewGuid().ToString("N"),
            DefinitionId = "synthetic",
            DefinitionVersionId = "synthetic-1",
            DefinitionVersion = 1,
            Status = WorkflowStatus.Finished,
            CreatedAt = now,
            UpdatedAt = now,
            FinishedAt = now,
            State = new InstanceState { Variables = new JsonObject() },
        };
        await Fixture.Store.CommitAsync(new BurstCommit(instance, true, null, [], [], [], [], false, [message with { InstanceId = instance.Id }], []));
    }
}
