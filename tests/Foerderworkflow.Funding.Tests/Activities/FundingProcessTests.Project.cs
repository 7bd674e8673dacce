using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Reclaims;
using Foerderworkflow.Funding.Reminders;
using Microsoft.Extensions.Time.Testing;

namespace Foerderworkflow.Funding.Tests.Activities;

/// <summary>The project phase: payouts, changes after approval, withdrawal, reclaim and repayment.</summary>
public abstract partial class FundingProcessTests
{
    private static readonly CaseCostLine[] ApprovedPlan = [new("Honorar Referentin", 1_000m), new("Raummiete", 600m), new("Material", 400m)];

    [Fact]
    public async Task Payout_CoveringExpensesBeyondSixWeeks_IsRefusedNamingTheAmount_AndCommitsNothing()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine);
        var task = await engine.TaskAsync(id, "ProjectExecution");

        // Requested Mon 2 Mar: the six weeks end Mon 13 Apr; 600 € of the 900 € are due only in June.
        var refused = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.Runtime.ResumeAsync(task.Id, JsonNode.Parse("""
            {"outcome":"PayoutRequested","amount":900,"expenditures":[{"dueOn":"2026-04-13","amount":300},{"dueOn":"2026-06-01","amount":600}]}
            """)!.AsObject()));

        Assert.Equal("amount", refused.Field);
        Assert.Contains("höchstens 300,00 €", refused.Message, StringComparison.Ordinal);
        Assert.Equal(task.Id, (await engine.TaskAsync(id, "ProjectExecution")).Id);
        Assert.Null(await engine.VariableAsync(id, FundingVariables.Payouts));
        Assert.Empty(await engine.TakeMessagesAsync());

        await RequestPayoutAsync(engine, id, 300m, "2026-04-13");
        await engine.TaskAsync(id, "PayoutReview");
    }

    [Fact]
    public async Task Payout_AboveGrantMinusPaid_IsRefusedNamingTheAmount()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine);
        await PayAsync(engine, id, 1_500m);

        var refused = await Assert.ThrowsAsync<InvalidResumeInputException>(() => RequestPayoutAsync(engine, id, 400m, "2026-04-01"));

        Assert.Equal("amount", refused.Field);
        Assert.Contains("abrufbar sind höchstens noch 300,00 €", refused.Message, StringComparison.Ordinal);
        Assert.Empty(await engine.TakeMessagesAsync());
        await RequestPayoutAsync(engine, id, 300m, "2026-04-01");
    }

    [Fact]
    public async Task Payout_MissingExpenditures_IsRefusedNamingTheField()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine);

        var missing = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.CompleteAsync(id, "ProjectExecution", """{"outcome":"PayoutRequested","amount":100}"""));
        var badDay = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.CompleteAsync(id, "ProjectExecution",
            """{"outcome":"PayoutRequested","amount":100,"expenditures":[{"dueOn":"01.04.2026","amount":100}]}"""));

        Assert.Equal("expenditures", missing.Field);
        Assert.Equal("expenditures[0].dueOn", badDay.Field);
    }

    [Fact]
    public async Task Payout_RefusedByTheOffice_WithReasons_ReturnsToTheProject_AndPaysNothing()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine);
        await RequestPayoutAsync(engine, id, 500m, "2026-04-01");
        await engine.TakeMessagesAsync();

        var refused = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.CompleteAsync(id, "PayoutReview", """{"outcome":"Refused"}"""));
        Assert.Equal("reasons", refused.Field);
        var tooMuch = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.CompleteAsync(id, "PayoutReview", """{"outcome":"Ordered","amount":600}"""));
        Assert.Equal("amount", tooMuch.Field);

        await engine.CompleteAsync(id, "PayoutReview", """{"outcome":"Refused","reasons":["Belege zur Raummiete fehlen"]}""");

        Assert.Empty(await engine.TakeMessagesAsync());
        var payouts = (await engine.VariableAsync(id, FundingVariables.Payouts))!;
        Assert.Equal(0m, payouts["paid"]!.GetValue<decimal>());
        Assert.Equal("Refused", payouts["entries"]![0]!["status"]!.GetValue<string>());
        // Nothing paid yet: withdrawal stays possible.
        Assert.Equal(["ProjectExecution", "Withdrawal"], await engine.OpenStepsAsync(id));
    }

    [Fact]
    public async Task Change_WithinTwentyPercentCoveredBySavings_NeedsNoApproval_AndBecomesThePlan()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine, FundingEngine.Application(costLines: ApprovedPlan));

        await engine.CompleteAsync(id, "ProjectExecution", """
            {"outcome":"ChangeRequested","reason":"Mehr Honorarstunden, kleinerer Raum",
             "costLines":[{"description":"Honorar Referentin","amount":1150},{"description":"Raummiete","amount":450},{"description":"Material","amount":400}]}
            """);

        Assert.Equal(["ProjectExecution", "Withdrawal"], await engine.OpenStepsAsync(id));
        Assert.Empty(await engine.TakeMessagesAsync());
        var change = (await engine.VariableAsync(id, FundingVariables.Changes))!["entries"]![0]!;
        Assert.Equal("NotRequired", change["status"]!.GetValue<string>());
        Assert.Equal(1150m, (await engine.VariableAsync(id, FundingVariables.Application))!["costLines"]![0]!["amount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Change_OverTwentyPercentOnALine_NeedsTheOffice_ApprovedPublishesChangeApproved()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine, FundingEngine.Application(costLines: ApprovedPlan));

        var wrongCount = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.CompleteAsync(id, "ProjectExecution",
            """{"outcome":"ChangeRequested","reason":"x","costLines":[{"description":"Honorar Referentin","amount":1300}]}"""));
        Assert.Equal("costLines", wrongCount.Field);

        await engine.CompleteAsync(id, "ProjectExecution", """
            {"outcome":"ChangeRequested","reason":"Zweite Referentin statt Material",
             "costLines":[{"description":"Honorar Referentin","amount":1300},{"description":"Raummiete","amount":600},{"description":"Material","amount":100}]}
            """);

        var review = await engine.TaskAsync(id, "ChangeReview");
        Assert.Equal("office", review.Payload["assigneeRole"]!.GetValue<string>());
        Assert.Contains("Honorar Referentin", review.Payload["data"]!["findings"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await engine.CompleteAsync(id, "ChangeReview", """{"outcome":"Approved"}""");

        var messages = await engine.TakeMessagesAsync();
        Assert.Equal(["ChangeApproved", "DocumentIssued", "SendEmail"], messages.Select(m => m.Type));
        Assert.Equal("Aenderungsgenehmigung", messages[^1].Payload["template"]!.GetValue<string>());
        var approved = messages[0];
        Assert.Equal("AIF-2026-0042-AE1", approved.Payload["changeRequestId"]!.GetValue<string>());
        Assert.Equal(1300m, (await engine.VariableAsync(id, FundingVariables.Application))!["costLines"]![0]!["amount"]!.GetValue<decimal>());
        await engine.TaskAsync(id, "ProjectExecution");
    }

    [Fact]
    public async Task Change_RejectedByTheOffice_KeepsTheApprovedPlan()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine, FundingEngine.Application(costLines: ApprovedPlan));
        await engine.CompleteAsync(id, "ProjectExecution", """
            {"outcome":"ChangeRequested","reason":"Catering",
             "costLines":[{"description":"Honorar Referentin","amount":1000},{"description":"Raummiete","amount":600},{"description":"Material","amount":900}]}
            """);

        await engine.CompleteAsync(id, "ChangeReview", """{"outcome":"Rejected","reasons":["Bewirtung ist nicht förderfähig"]}""");

        var rejected = AssertMessages(await engine.TakeMessagesAsync(), "ChangeRejected");
        Assert.Equal("Bewirtung ist nicht förderfähig", rejected["reasons"]![0]!.GetValue<string>());
        Assert.Equal(400m, (await engine.VariableAsync(id, FundingVariables.Application))!["costLines"]![2]!["amount"]!.GetValue<decimal>());
        Assert.Equal("Rejected", (await engine.VariableAsync(id, FundingVariables.Changes))!["entries"]![0]!["status"]!.GetValue<string>());
        await engine.TaskAsync(id, "ProjectExecution");
    }

    [Fact]
    public async Task Withdrawal_DuringTheFormalReview_EndsTheCase_AndCancelsTheReview()
    {
        await using var engine = await EngineAsync();
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application());
        await engine.TakeMessagesAsync();
        var review = await engine.TaskAsync(id, "FormalReview");

        await engine.CompleteAsync(id, "Withdrawal", """{"reason":"Die Veranstaltung fällt aus"}""");

        // The applicant's own act: the event (the store releases the commitment), no e-mail.
        var messages = await engine.TakeMessagesAsync();
        Assert.Equal(["ApplicationWithdrawn", "SendEmail"], messages.Select(m => m.Type));
        Assert.Equal("Rueckzugsbestaetigung", messages[1].Payload["template"]!.GetValue<string>());
        var withdrawn = messages[0];
        Assert.Equal("Die Veranstaltung fällt aus", withdrawn.Payload["reason"]!.GetValue<string>());
        await AssertEndedAsync(engine, id);
        await Assert.ThrowsAsync<BookmarkAlreadyConsumedException>(() => engine.Runtime.ResumeAsync(review.Id, JsonNode.Parse("""{"outcome":"ToDecision"}""")!.AsObject()));
    }

    [Fact]
    public async Task Withdrawal_WhileAPayoutRequestAwaitsTheOffice_EndsTheCase()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine);
        await RequestPayoutAsync(engine, id, 500m, "2026-04-01");
        await engine.TakeMessagesAsync();

        await engine.CompleteAsync(id, "Withdrawal", "{}");

        Assert.Equal(["ApplicationWithdrawn", "SendEmail"], (await engine.TakeMessagesAsync()).Select(m => m.Type));
        await AssertEndedAsync(engine, id);
    }

    [Fact]
    public async Task Withdrawal_AfterTheFirstPayout_IsNoLongerOpen_AndTheOldTaskIsRefused()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine);
        var withdrawal = await engine.TaskAsync(id, "Withdrawal");

        await PayAsync(engine, id, 900m);

        Assert.Equal(["ProjectExecution"], await engine.OpenStepsAsync(id));
        await Assert.ThrowsAsync<BookmarkAlreadyConsumedException>(() => engine.Runtime.ResumeAsync(withdrawal.Id, []));
        Assert.Equal(WorkflowStatus.Suspended, await engine.StatusAsync(id));
        Assert.Empty(await engine.TakeMessagesAsync());
    }

    [Fact]
    public async Task ProofAccepted_WithLessPaidThanSpent_OrdersTheRestAsFinalPayout_ThenCloses()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine);
        await PayAsync(engine, id, 1_000m);
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await engine.FireDueTimersAsync());
        await engine.CompleteAsync(id, "ProofOfUse", """{"spentAmount":1600,"report":"Etwas günstiger als geplant"}""");
        await engine.TakeMessagesAsync();

        await engine.CompleteAsync(id, "ProofOfUseReview", """{"outcome":"Accepted"}""");

        var messages = await engine.TakeMessagesAsync();
        Assert.Equal(["ProofOfUseAccepted", "PayoutOrdered", "SendEmail", "ApplicationClosed", "SendEmail"], messages.Select(m => m.Type));
        Assert.Equal(200m, messages[0].Payload["unspentAmount"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(600m, messages[1].Payload["amount"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("AIF-2026-0042-A2", messages[1].Payload["payoutId"]!.GetValue<string>());
        Assert.Equal(1600m, messages[3].Payload["finalAmount"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(1600m, (await engine.VariableAsync(id, FundingVariables.Payouts))!["paid"]!.GetValue<decimal>());
        await AssertEndedAsync(engine, id);
    }

    [Fact]
    public async Task Reclaim_WithInterest_Repaid_ThenClosed()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine);
        await PayAsync(engine, id, Grant);
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await engine.FireDueTimersAsync());
        await engine.CompleteAsync(id, "ProofOfUse", """{"spentAmount":1500,"report":"Weniger Gäste als geplant"}""");
        await engine.TakeMessagesAsync();

        var nothingToKeep = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.CompleteAsync(id, "ProofOfUseReview", """{"outcome":"Accepted"}"""));
        Assert.Equal("outcome", nothingToKeep.Field);
        await engine.CompleteAsync(id, "ProofOfUseReview", """{"outcome":"Reclaim","reason":"Mittel nicht vollständig verwendet"}""");

        var reclaim = AssertMessages(await engine.TakeMessagesAsync(), "ReclaimRaised");
        Assert.Equal(300m, reclaim["amount"]!["amount"]!.GetValue<decimal>());
        // § 49a (3) VwVfG: base rate (1.27 % since 1 Jul 2025, configurable) + 5 points.
        Assert.Equal(6.27m, reclaim["interestRatePercent"]!.GetValue<decimal>());
        var repayment = await engine.TaskAsync(id, "Repayment");
        Assert.Equal("office", repayment.Payload["assigneeRole"]!.GetValue<string>());
        Assert.Equal("2026-03-05", repayment.Payload["data"]!["interestFrom"]!.GetValue<string>());

        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 15, 8, 0, 0, TimeSpan.Zero));
        var short_ = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.CompleteAsync(id, "Repayment", """{"amount":300,"paidOn":"2026-10-15"}"""));
        Assert.Equal("amount", short_.Field);
        // 300 € × 6.27 % × 224 days (5 Mar – 14 Oct) / 365 = 11.54 €.
        Assert.Contains("311,54 €", short_.Message, StringComparison.Ordinal);

        await engine.CompleteAsync(id, "Repayment", """{"amount":311.54,"paidOn":"2026-10-15"}""");

        var messages = await engine.TakeMessagesAsync();
        Assert.Equal(["Repaid", "ApplicationClosed", "SendEmail"], messages.Select(m => m.Type));
        Assert.Equal(311.54m, messages[0].Payload["amount"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("AIF-2026-0042-R1", messages[0].Payload["reclaimId"]!.GetValue<string>());
        Assert.Equal(1500m, messages[1].Payload["finalAmount"]!["amount"]!.GetValue<decimal>());
        var recorded = (await engine.VariableAsync(id, FundingVariables.Repayment))!;
        Assert.Equal(11.54m, recorded["interest"]!.GetValue<decimal>());
        await AssertEndedAsync(engine, id);
    }

    [Fact]
    public async Task Reclaim_Interest_FollowsTheBaseRatesConfiguredForTheFund()
    {
        await using var engine = await EngineAsync();
        var fund = FundSettings.From(DemoFunds.ActionFund(2026)) with
        {
            BaseRates = [new BaseRate(new DateOnly(2026, 1, 1), 2.0m), new BaseRate(new DateOnly(2026, 7, 1), 1.5m)],
        };
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application(), fund);
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"Session","meetingAt":"2026-03-19T18:00:00+01:00"}""");
        await engine.CompleteAsync(id, "CommitteeVote", """{"outcome":"Recommend"}""");
        await engine.CompleteAsync(id, "OfficeDecision", """{"outcome":"Approve","amount":1800,"deviationReason":"Teilbewilligung: Honorar gekürzt","remainingBudget":64000}""");
        await engine.CompleteAsync(id, "GrantAcceptance", """{"outcome":"AppealWaived","signedBy":"Erika Muster"}""");
        await PayAsync(engine, id, Grant);
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero));
        await engine.FireDueTimersAsync();
        await engine.CompleteAsync(id, "ProofOfUse", """{"spentAmount":1500,"report":"Weniger Gäste als geplant"}""");
        await engine.TakeMessagesAsync();

        await engine.CompleteAsync(id, "ProofOfUseReview", """{"outcome":"Reclaim","reason":"Mittel nicht vollständig verwendet"}""");
        var reclaim = (await engine.TakeMessagesAsync())[0].Payload;
        Assert.Equal(6.5m, reclaim["interestRatePercent"]!.GetValue<decimal>());

        // 300 € from 5 Mar: 118 days at 7 % (until 30 Jun), 106 days at 6.5 % (1 Jul – 14 Oct) = 6.79 € + 5.66 € = 12.45 €.
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 15, 8, 0, 0, TimeSpan.Zero));
        var refused = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.CompleteAsync(id, "Repayment", """{"amount":312,"paidOn":"2026-10-15"}"""));
        Assert.Contains("312,45 €", refused.Message, StringComparison.Ordinal);
        await engine.CompleteAsync(id, "Repayment", """{"amount":312.45,"paidOn":"2026-10-15"}""");
        await AssertEndedAsync(engine, id);
    }

    [Fact]
    public async Task Reclaim_WithoutAReminderLadder_NotRepaidByTheDueDate_IsFlaggedOverdueToTheOffice()
    {
        await using var engine = await EngineAsync();
        var fund = FundSettings.From(DemoFunds.ActionFund(2026)) with { Reminders = new ReminderSettings { ReclaimRepayment = ReminderLadder.None } };
        var id = await ReclaimedAsync(engine, fund);
        // Reviewed Thu 1 Oct 2026: one month → Sun 1 Nov → Mon 2 Nov, until midnight German time (23:00 UTC).
        var due = new DateTimeOffset(2026, 11, 3, 0, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal([due], await TimersAsync(engine, id));

        engine.Clock.SetUtcNow(due);
        Assert.Equal(1, await engine.FireDueTimersAsync());

        var flagged = await engine.TaskAsync(id, "Repayment");
        Assert.True(flagged.Payload["data"]!["overdue"]!.GetValue<bool>());
        Assert.Null(flagged.Payload["dueAt"]);
        Assert.Contains("überfällig", flagged.Payload["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var overdue = Assert.Single(await engine.TakeMessagesAsync());
        Assert.Equal(("RepaymentOverdue", 1), (overdue.Type, overdue.Payload["reminderLevel"]!.GetValue<int>()));
        Assert.Empty(await TimersAsync(engine, id));
    }

    /// <summary>
    /// The default repayment ladder (a week before, on the day, dunning after 14 and 28 days) for the reclaim due Mon
    /// 2 Nov 2026: each rung fires once at 00:00 German time with its event and e-mail; the last one flags the
    /// office's task overdue.
    /// </summary>
    [Fact]
    public async Task Reclaim_ReminderLadder_RemindsAndDunsOnceEach_ThenFlagsTheOfficeTaskOverdue()
    {
        await using var engine = await EngineAsync();
        var id = await ReclaimedAsync(engine);
        var winter = TimeSpan.FromHours(1);
        DateTimeOffset[] rungs = [new(2026, 10, 26, 0, 0, 0, winter), new(2026, 11, 2, 0, 0, 0, winter), new(2026, 11, 16, 0, 0, 0, winter), new(2026, 11, 30, 0, 0, 0, winter)];
        Assert.Equal(rungs, await TimersAsync(engine, id));
        Assert.Equal(new DateTimeOffset(2026, 11, 3, 0, 0, 0, winter), (await engine.TaskAsync(id, "Repayment")).Payload["dueAt"]!.GetValue<DateTimeOffset>());

        var expected = new (string Event, string Template, int? Level, string? NewDeadline)[]
        {
            ("RepaymentDue", "RueckzahlungErinnerung", null, null),
            ("RepaymentDue", "RueckzahlungFaelligHeute", null, null),
            ("RepaymentOverdue", "RueckzahlungMahnung", 1, "2026-11-29"),
            ("RepaymentOverdue", "RueckzahlungMahnung", 2, null),
        };
        for (var i = 0; i < rungs.Length; i++)
        {
            engine.Clock.SetUtcNow(rungs[i].AddSeconds(-1));
            Assert.Equal(0, await engine.FireDueTimersAsync());
            engine.Clock.SetUtcNow(rungs[i]);
            Assert.Equal(1, await engine.FireDueTimersAsync());
            Assert.Equal(0, await engine.FireDueTimersAsync());

            var messages = await engine.TakeMessagesAsync();
            Assert.Equal([expected[i].Event, "SendEmail"], messages.Select(m => m.Type));
            Assert.Equal(800m, messages[0].Payload["amount"]!["amount"]!.GetValue<decimal>());
            Assert.Equal("AIF-2026-0042-R1", messages[0].Payload["reclaimId"]!.GetValue<string>());
            Assert.Equal(expected[i].Level, messages[0].Payload["reminderLevel"]?.GetValue<int>());
            var email = messages[1].Payload;
            Assert.Equal(expected[i].Template, email["template"]!.GetValue<string>());
            Assert.Equal("2026-11-02", email["values"]!["Faelligkeit"]!.GetValue<string>());
            Assert.Equal("800.00", email["values"]!["Betrag"]!.GetValue<string>());
            Assert.Equal(expected[i].NewDeadline, email["values"]!["NeueFrist"]?.GetValue<string>());
            Assert.Equal(i < rungs.Length - 1, !(await engine.TaskAsync(id, "Repayment")).Payload["data"]!["overdue"]!.GetValue<bool>());
        }

        var flagged = await engine.TaskAsync(id, "Repayment");
        Assert.Contains("überfällig", flagged.Payload["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(await TimersAsync(engine, id));
        Assert.Equal(2, (await engine.VariableAsync(id, FundingVariables.Repayment))!["reminderLevel"]!.GetValue<int>());

        // A payment after the dunning is still recorded, with interest until the day before it.
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 2, 8, 0, 0, TimeSpan.Zero));
        await engine.CompleteAsync(id, "Repayment", """{"amount":900,"paidOn":"2026-12-01"}""");
        Assert.Equal(["Repaid", "ApplicationClosed", "SendEmail"], (await engine.TakeMessagesAsync()).Select(m => m.Type));
        await AssertEndedAsync(engine, id);
    }

    [Fact]
    public async Task Reclaim_RepaidAfterTheFirstReminder_CancelsTheRungsAhead()
    {
        await using var engine = await EngineAsync();
        var id = await ReclaimedAsync(engine);
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 26, 0, 0, 0, TimeSpan.FromHours(1)));
        Assert.Equal(1, await engine.FireDueTimersAsync());
        Assert.Equal(["RepaymentDue", "SendEmail"], (await engine.TakeMessagesAsync()).Select(m => m.Type));

        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 28, 8, 0, 0, TimeSpan.Zero));
        await engine.CompleteAsync(id, "Repayment", """{"amount":900,"paidOn":"2026-10-28"}""");

        Assert.Empty(await TimersAsync(engine, id));
        Assert.Equal(["Repaid", "ApplicationClosed", "SendEmail"], (await engine.TakeMessagesAsync()).Select(m => m.Type));
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 12, 1, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await engine.FireDueTimersAsync());
        Assert.Empty(await engine.TakeMessagesAsync());
        await AssertEndedAsync(engine, id);
    }

    /// <summary>A case approved and paid in full whose proof (1.000 € spent) was reviewed on Thu 1 Oct 2026 with a reclaim of 800 € at 7 %; messages taken.</summary>
    private static async Task<string> ReclaimedAsync(FundingEngine engine, FundSettings? fund = null)
    {
        var id = await ApprovedAsync(engine, fund: fund);
        await PayAsync(engine, id, Grant);
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 1, 8, 0, 0, TimeSpan.Zero));
        await engine.FireDueTimersAsync();
        await engine.TakeMessagesAsync();
        await engine.CompleteAsync(id, "ProofOfUse", """{"spentAmount":1000,"report":"Teil der Veranstaltungen ausgefallen"}""");
        AssertMessages(await engine.TakeMessagesAsync(), "ProofOfUseSubmitted");
        await engine.CompleteAsync(id, "ProofOfUseReview", """{"outcome":"Reclaim","reason":"Mittel nicht vollständig verwendet","interestRatePercent":7}""");
        var reclaim = AssertMessages(await engine.TakeMessagesAsync(), "ReclaimRaised");
        Assert.Equal(800m, reclaim["amount"]!["amount"]!.GetValue<decimal>());
        return id;
    }

    private static async Task<List<DateTimeOffset>> TimersAsync(FundingEngine engine, string instanceId)
    {
        // The class's store is shared with the other tests: read all its timers, keep this instance's.
        var timers = await engine.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 100_000);
        return [.. timers.Where(t => t.InstanceId == instanceId).Select(t => t.DueAt).Order()];
    }
}
