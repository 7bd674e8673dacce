using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Funds;
using Microsoft.Extensions.Time.Testing;

namespace Foerderworkflow.Funding.Tests.Activities;

/// <summary>
/// The shipped workflows (workflows/*.json) through the real engine and the real store: every branch of the process
/// from submission to closed. The same tests run on SQLite and on PostgreSQL (the two sealed classes at the end).
/// </summary>
public abstract partial class FundingProcessTests(FundingStoreFixture fixture)
{
    protected const string ActionFund = "aktions-und-initiativfonds";
    protected const string YouthFund = "jugendfonds";
    protected const string SmallProjects = "kleinprojekte";

    /// <summary>Approved with 1.800 € on Mon 2 Mar 2026; the approved cost plan when a test gives none.</summary>
    protected const decimal Grant = 1_800m;

    /// <summary>An engine on the class's store; it sees only its own instances.</summary>
    protected Task<FundingEngine> EngineAsync(params string[] workflows) =>
        FundingEngine.CreateAsync(fixture.Shared, [.. (workflows.Length == 0 ? [ActionFund] : workflows).Select(w => w + ".json")]);

    [Fact]
    public async Task HappyPath_RunsFromSubmissionThroughPayoutsToClosed_PublishingEventAndEmailPerStep()
    {
        await using var engine = await EngineAsync();
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application());
        AssertMessages(await engine.TakeMessagesAsync(), "ApplicationSubmitted");
        // From submission on, the applicant can withdraw beside every step.
        Assert.Equal(["FormalReview", "Withdrawal"], await engine.OpenStepsAsync(id));

        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        Assert.Empty(await engine.TakeMessagesAsync());

        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"Session","meetingAt":"2026-03-02T18:00:00+01:00","agendaItem":"TOP 4"}""");
        var putToVote = AssertMessages(await engine.TakeMessagesAsync(), "PutToVote");
        Assert.Equal("Begleitausschuss", putToVote["committee"]!.GetValue<string>());

        // The session's evening: its vote is counted in the session (before it, counting is refused).
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 2, 19, 0, 0, TimeSpan.FromHours(1)));
        await engine.CompleteAsync(id, "CommitteeVote", """
            {"members":[{"id":"m1","name":"A"},{"id":"m2","name":"B"},{"id":"m3","name":"C"}],
             "present":["m1","m2","m3"],
             "ballots":[{"voterId":"m1","choice":"For"},{"voterId":"m2","choice":"For"},{"voterId":"m3","choice":"Against"}]}
            """);
        // The vote is only a recommendation: the event, no e-mail to the applicant.
        var voteMessages = await engine.TakeMessagesAsync();
        Assert.Equal(["VoteClosed"], voteMessages.Select(m => m.Type));
        Assert.True(voteMessages[0].Payload["carried"]!.GetValue<bool>());
        Assert.Equal(2, voteMessages[0].Payload["votesFor"]!.GetValue<int>());

        await engine.CompleteAsync(id, "OfficeDecision", """{"outcome":"Approve","amount":1800,"deviationReason":"Teilbewilligung: Honorar gekürzt","remainingBudget":64000,"conditions":["Logo der Partnerschaft verwenden"]}""");
        var approved = AssertMessages(await engine.TakeMessagesAsync(), "ApplicationApproved");
        Assert.Equal(1800m, approved["approvedAmount"]!["amount"]!.GetValue<decimal>());

        Assert.NotNull((await engine.TaskAsync(id, "GrantAcceptance")).Payload["dueAt"]);
        await engine.CompleteAsync(id, "GrantAcceptance", """{"outcome":"AppealWaived","signedBy":"Erika Muster"}""");
        var acceptedMessages = await engine.TakeMessagesAsync();
        Assert.Equal(["GrantAccepted", "SendEmail"], acceptedMessages.Select(m => m.Type));
        Assert.Equal("Annahmebestaetigung", acceptedMessages[1].Payload["template"]!.GetValue<string>());
        var project = await engine.TaskAsync(id, "ProjectExecution");
        // The project runs until 24:00 German time of its last day (30 Sep 2026, summer time).
        Assert.Equal(new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(2)), project.Payload["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(1800m, project.Payload["data"]!["payable"]!.GetValue<decimal>());

        // First payout: expenses due within six weeks (by Mon 13 Apr).
        await RequestPayoutAsync(engine, id, 900m, "2026-04-10");
        var requested = (await engine.TakeMessagesAsync()).Single();
        Assert.Equal("PayoutRequested", requested.Type);
        Assert.Equal("AIF-2026-0042-A1", requested.Payload["payoutId"]!.GetValue<string>());
        Assert.Equal(["PayoutReview", "Withdrawal"], await engine.OpenStepsAsync(id));

        await engine.CompleteAsync(id, "PayoutReview", """{"outcome":"Ordered","payOn":"2026-03-05"}""");
        var messages = await engine.TakeMessagesAsync();
        Assert.Equal(["PayoutOrdered", "SendEmail"], messages.Select(m => m.Type));
        Assert.Equal(900m, messages[0].Payload["amount"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("Auszahlung", messages[1].Payload["template"]!.GetValue<string>());
        Assert.Equal("2026-03-05", messages[1].Payload["values"]!["Auszahlungsdatum"]!.GetValue<string>());
        // Money has flowed: the withdrawal option is gone.
        Assert.Equal(["ProjectExecution"], await engine.OpenStepsAsync(id));

        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));
        await RequestPayoutAsync(engine, id, 900m, "2026-09-20");
        await engine.CompleteAsync(id, "PayoutReview", """{"outcome":"Ordered"}""");
        Assert.Equal(["PayoutRequested", "PayoutOrdered", "SendEmail"], (await engine.TakeMessagesAsync()).Select(m => m.Type));
        Assert.Equal(1800m, (await engine.VariableAsync(id, FundingVariables.Payouts))!["paid"]!.GetValue<decimal>());

        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 12, 0, 0, TimeSpan.Zero));
        await engine.CompleteAsync(id, "ProjectExecution", """{"outcome":"ProjectEnded"}""");
        var due = AssertMessages(await engine.TakeMessagesAsync(), "ProofOfUseDue");
        // Project end 30 Sep 2026 + 6 weeks = Wed 11 Nov 2026, due until midnight German time.
        Assert.Equal(new DateTimeOffset(2026, 11, 12, 0, 0, 0, TimeSpan.FromHours(1)), due["dueAt"]!.GetValue<DateTimeOffset>());

        await engine.CompleteAsync(id, "ProofOfUse", """{"spentAmount":1800,"report":"Fest mit 300 Gästen"}""");
        var received = AssertMessages(await engine.TakeMessagesAsync(), "ProofOfUseSubmitted");
        Assert.Equal(1800m, received["spentAmount"]!["amount"]!.GetValue<decimal>());
        await engine.CompleteAsync(id, "ProofOfUseReview", """{"outcome":"Accepted"}""");
        messages = await engine.TakeMessagesAsync();
        Assert.Equal(["ProofOfUseAccepted", "ApplicationClosed", "SendEmail"], messages.Select(m => m.Type));
        Assert.Equal(1800m, messages[1].Payload["finalAmount"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(WorkflowStatus.Finished, await engine.StatusAsync(id));
        Assert.Empty(await engine.TasksAsync(id));
    }

    [Fact]
    public async Task ChangeRequest_ThenResubmission_ReturnsToFormalReviewWithTheCorrectedApplication()
    {
        await using var engine = await EngineAsync();
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application());
        await engine.TakeMessagesAsync();

        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ChangeRequested","reason":"Finanzierungsplan unvollständig"}""");
        var request = AssertMessages(await engine.TakeMessagesAsync(), "ChangeRequested");
        // 14 days from Mon 2 Mar 2026 → Mon 16 Mar 2026, until midnight German time.
        var deadline = new DateTimeOffset(2026, 3, 17, 0, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(deadline, request["replyDeadline"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Finanzierungsplan unvollständig", request["reason"]!.GetValue<string>());
        Assert.Equal(deadline, (await engine.TaskAsync(id, "AwaitResubmission")).Payload["dueAt"]!.GetValue<DateTimeOffset>());

        await engine.CompleteAsync(id, "AwaitResubmission", """{"requestedAmount":450,"projectEnd":"2026-08-31"}""");
        Assert.Equal("2026-08-31", (await engine.VariableAsync(id, FundingVariables.Application))!["projectEnd"]!.GetValue<string>());
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        // 450 € is now a small project: straight to the office, no vote.
        await engine.TaskAsync(id, "OfficeDecision");
        Assert.Empty(await engine.TakeMessagesAsync());
    }

    [Fact]
    public async Task ReplyDeadline_Lapsing_FiresTheTimerAndRejectsTheApplication()
    {
        await using var engine = await EngineAsync();
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application());
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ChangeRequested","reason":"Unterschrift fehlt"}""");
        await engine.TakeMessagesAsync();

        engine.Clock.Advance(TimeSpan.FromDays(14));   // Mon 16 Mar, 09:00 UTC: the deadline day is not over yet
        Assert.Equal(2, await engine.FireDueTimersAsync()); // the reminders of 13 and 16 March, not the deadline
        var reminders = await engine.TakeMessagesAsync();
        Assert.Equal(["ChangeRequestReplyDue", "SendEmail", "ChangeRequestReplyDue", "SendEmail"], reminders.Select(m => m.Type));
        Assert.Equal(["Fristerinnerung", "Fristerinnerung"], reminders.Where(m => m.Type == "SendEmail").Select(m => m.Payload["template"]!.GetValue<string>()));
        Assert.All(reminders.Where(m => m.Type == "ChangeRequestReplyDue"), m => Assert.Equal(new DateTimeOffset(2026, 3, 17, 0, 0, 0, TimeSpan.FromHours(1)), m.Payload["dueAt"]!.GetValue<DateTimeOffset>()));
        await engine.TaskAsync(id, "AwaitResubmission");

        engine.Clock.Advance(TimeSpan.FromHours(14));  // 23:00 UTC = midnight in Germany
        Assert.Equal(1, await engine.FireDueTimersAsync());

        var rejected = AssertMessages(await engine.TakeMessagesAsync(), "ApplicationRejected");
        Assert.Contains("16.03.2026", rejected["reasons"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await AssertEndedAsync(engine, id);
    }

    [Fact]
    public async Task Inadmissible_IsRejectedWithReasons_AndEndsTheCase()
    {
        await using var engine = await EngineAsync();
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application());
        await engine.TakeMessagesAsync();

        var refused = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.CompleteAsync(id, "FormalReview", """{"outcome":"Inadmissible"}"""));
        Assert.Equal("reasons", refused.Field);

        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"Inadmissible","reasons":["Der Träger ist nicht antragsberechtigt"]}""");
        var rejected = AssertMessages(await engine.TakeMessagesAsync(), "ApplicationRejected");
        Assert.Equal("Der Träger ist nicht antragsberechtigt", rejected["reasons"]![0]!.GetValue<string>());
        await AssertEndedAsync(engine, id);
    }

    [Fact]
    public async Task Rejection_AfterANegativeVote_PublishesRejectionWithAppealDeadlineAndFinishes()
    {
        await using var engine = await EngineAsync();
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application());
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"WrittenProcedure","closingAt":"2026-03-12T12:00:00+01:00"}""");
        await engine.CompleteAsync(id, "CommitteeVote", """{"outcome":"Reject"}""");
        await engine.TakeMessagesAsync();

        await engine.CompleteAsync(id, "OfficeDecision", """{"outcome":"Reject","reasons":["Kein Bezug zu den Zielen der Partnerschaft"]}""");
        var rejected = AssertMessages(await engine.TakeMessagesAsync(), "ApplicationRejected");
        Assert.Equal("Kein Bezug zu den Zielen der Partnerschaft", rejected["reasons"]![0]!.GetValue<string>());
        // Notice of Mon 2 Mar deemed received Fri 6 Mar; one month → Mon 6 Apr 2026 is Easter Monday → Tue 7 Apr.
        Assert.Equal(new DateTimeOffset(2026, 4, 8, 0, 0, 0, TimeSpan.FromHours(2)), rejected["appealDeadline"]!.GetValue<DateTimeOffset>());
        await AssertEndedAsync(engine, id);
    }

    [Fact]
    public async Task CommitteeDefers_TheApplicationGoesBackOnTheAgenda()
    {
        await using var engine = await EngineAsync();
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application());
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"Session","meetingAt":"2026-03-19T18:00:00+01:00"}""");

        await engine.CompleteAsync(id, "CommitteeVote", """{"outcome":"Defer","minutes":"Vertagt: Rückfragen zum Finanzierungsplan"}""");

        Assert.Equal(["RouteApplication", "Withdrawal"], await engine.OpenStepsAsync(id));
        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"Session","meetingAt":"2026-04-16T18:00:00+02:00"}""");
        await engine.CompleteAsync(id, "CommitteeVote", """{"outcome":"RecommendWithConditions","conditions":"Barrierefreier Veranstaltungsort"}""");
        await engine.TaskAsync(id, "OfficeDecision");
    }

    [Fact]
    public async Task WrittenProcedure_WithAnObjection_IsDeferredToTheNextSession()
    {
        await using var engine = await EngineAsync();
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application());
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"WrittenProcedure","closingAt":"2026-03-16T12:00:00+01:00"}""");
        Assert.Equal("WrittenProcedure", (await engine.TaskAsync(id, "CommitteeVote")).Payload["data"]!["procedure"]!.GetValue<string>());
        await engine.TakeMessagesAsync();

        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.Zero));
        await engine.CompleteAsync(id, "CommitteeVote", """
            {"members":[{"id":"m1","name":"A"},{"id":"m2","name":"B"},{"id":"m3","name":"C"},{"id":"m4","name":"D"},{"id":"m5","name":"E"}],
             "ballots":[{"voterId":"m1","choice":"For","castAt":"2026-03-03T10:00:00+01:00"},{"voterId":"m2","choice":"For","castAt":"2026-03-04T10:00:00+01:00"},
                        {"voterId":"m3","choice":"For","castAt":"2026-03-05T10:00:00+01:00"}],
             "objections":[{"personId":"m5","at":"2026-03-06T10:00:00+01:00","reason":"Bitte in der Sitzung beraten."}]}
            """);

        var resolution = (await engine.VariableAsync(id, FundingVariables.Resolution))!;
        Assert.Equal("Defer", resolution["outcome"]!.GetValue<string>());
        Assert.Contains("Widerspruch", resolution["minutes"]!.GetValue<string>(), StringComparison.Ordinal);
        // Deferred: no VoteClosed but VoteDeferred and the applicant's e-mail; back to the KuF to put it on the next session's agenda.
        var deferred = AssertMessages(await engine.TakeMessagesAsync(), "VoteDeferred");
        Assert.Equal("Objection", deferred["reason"]!.GetValue<string>());
        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"Session","meetingAt":"2026-04-16T18:00:00+02:00"}""");
        Assert.Equal("Session", (await engine.TaskAsync(id, "CommitteeVote")).Payload["data"]!["procedure"]!.GetValue<string>());
    }

    [Fact]
    public async Task WrittenProcedure_ClosingDatePasses_TheTaskAsksForTheCountAndTheVoteIsRecordedLater()
    {
        await using var engine = await EngineAsync();
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application());
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"WrittenProcedure","closingAt":"2026-03-16T12:00:00+01:00"}""");
        var closing = new DateTimeOffset(2026, 3, 16, 12, 0, 0, TimeSpan.FromHours(1));
        var open = await engine.TaskAsync(id, "CommitteeVote");
        Assert.Equal(closing, open.Payload["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.False(open.Payload["data"]!["closed"]!.GetValue<bool>());
        await engine.TakeMessagesAsync();

        engine.Clock.SetUtcNow(closing.AddSeconds(-1));
        Assert.Equal(0, await engine.FireDueTimersAsync());
        engine.Clock.SetUtcNow(closing);
        Assert.Equal(1, await engine.FireDueTimersAsync());
        Assert.Equal(0, await engine.FireDueTimersAsync());

        var count = await engine.TaskAsync(id, "CommitteeVote");
        Assert.StartsWith("Umlaufverfahren beendet: Stimmen auszählen", count.Payload["title"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.True(count.Payload["data"]!["closed"]!.GetValue<bool>());
        Assert.Empty(await engine.TakeMessagesAsync());
        await engine.CompleteAsync(id, "CommitteeVote", """{"outcome":"Recommend"}""");
        await engine.TaskAsync(id, "OfficeDecision");
    }

    [Fact]
    public async Task YouthFund_RoutesToTheYouthForum()
    {
        await using var engine = await EngineAsync(YouthFund);
        var fund = DemoFunds.YouthFund(2026);
        var id = await engine.StartAsync(YouthFund, FundingEngine.Application(requested: 800m), fund);
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        Assert.Equal("Jugendforum", (await engine.TaskAsync(id, "RouteApplication")).Payload["data"]!["body"]!.GetValue<string>());

        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"Session","meetingAt":"2026-03-20T17:00:00+01:00"}""");

        Assert.Equal("YouthForum", (await engine.VariableAsync(id, FundingVariables.Routing))!["route"]!.GetValue<string>());
        var messages = await engine.TakeMessagesAsync();
        Assert.Equal(["ApplicationSubmitted", "SendEmail", "PutToVote", "SendEmail"], messages.Select(m => m.Type));
        Assert.Equal("Jugendforum", messages[2].Payload["committee"]!.GetValue<string>());
        Assert.Equal(fund.Id, messages[2].Payload["fund"]!.GetValue<string>());
        await engine.CompleteAsync(id, "CommitteeVote", """{"outcome":"Recommend"}""");
        await engine.CompleteAsync(id, "OfficeDecision", """{"outcome":"Approve","amount":800,"deviationReason":"Teilbewilligung: Honorar gekürzt","remainingBudget":5000}""");
        await engine.CompleteAsync(id, "GrantAcceptance", """{"outcome":"AgreementSigned","signedBy":"Jugendclub Süd"}""");
        await RequestPayoutAsync(engine, id, 800m, "2026-04-01");
        await engine.CompleteAsync(id, "PayoutReview", """{"outcome":"Ordered"}""");
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 6, 15, 8, 0, 0, TimeSpan.Zero));
        await engine.CompleteAsync(id, "ProjectExecution", """{"outcome":"ProjectEnded"}""");
        await engine.CompleteAsync(id, "ProofOfUse", """{"spentAmount":800,"report":"Graffiti-Workshop"}""");
        await engine.CompleteAsync(id, "ProofOfUseReview", """{"outcome":"Accepted"}""");

        var closed = (await engine.TakeMessagesAsync()).Single(m => m.Type == "ApplicationClosed");
        Assert.Equal(800m, closed.Payload["finalAmount"]!["amount"]!.GetValue<decimal>());
        await AssertEndedAsync(engine, id);
    }

    [Fact]
    public async Task SmallProject_InTheActionFund_IsRoutedToOfficeAndKufWithoutAVote()
    {
        await using var engine = await EngineAsync();
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application(requested: 500m));
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");

        Assert.Equal(["OfficeDecision", "Withdrawal"], await engine.OpenStepsAsync(id));
        Assert.Equal("OfficeAndKuf", (await engine.VariableAsync(id, FundingVariables.Routing))!["route"]!.GetValue<string>());
        AssertMessages(await engine.TakeMessagesAsync(), "ApplicationSubmitted");
    }

    [Fact]
    public async Task SmallProjectsWorkflow_OfficeAndKufDecide_ThroughToClosed()
    {
        await using var engine = await EngineAsync(SmallProjects);
        var id = await engine.StartAsync(SmallProjects, FundingEngine.Application(requested: 400m));
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.CompleteAsync(id, "OfficeDecision", """{"outcome":"Approve","amount":400,"deviationReason":"Teilbewilligung: Honorar gekürzt","remainingBudget":64000}""");
        await engine.CompleteAsync(id, "GrantAcceptance", """{"outcome":"AgreementSigned","signedBy":"Erika Muster"}""");
        await RequestPayoutAsync(engine, id, 400m, "2026-04-01");
        await engine.CompleteAsync(id, "PayoutReview", """{"outcome":"Ordered"}""");
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 22, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await engine.FireDueTimersAsync());
        await engine.CompleteAsync(id, "ProofOfUse", """{"spentAmount":400,"report":"Workshop mit 20 Jugendlichen"}""");
        await engine.CompleteAsync(id, "ProofOfUseReview", """{"outcome":"Accepted"}""");

        Assert.Equal(
            ["ApplicationSubmitted", "SendEmail", "ApplicationApproved", "DocumentIssued", "SendEmail", "GrantAccepted", "SendEmail", "PayoutRequested", "PayoutOrdered", "SendEmail",
                "ProofOfUseDue", "SendEmail", "ProofOfUseSubmitted", "SendEmail", "ProofOfUseAccepted", "ApplicationClosed", "SendEmail"],
            (await engine.TakeMessagesAsync()).Select(m => m.Type));
        await AssertEndedAsync(engine, id);
    }

    [Fact]
    public async Task OfficeDecision_AboveTheRequestedAmount_IsRefusedNamingTheFieldAndCommitsNothing()
    {
        await using var engine = await EngineAsync();
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application(requested: 400m));
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.TakeMessagesAsync();
        var task = await engine.TaskAsync(id, "OfficeDecision");

        var refused = await Assert.ThrowsAsync<InvalidResumeInputException>(() =>
            engine.Runtime.ResumeAsync(task.Id, JsonNode.Parse("""{"outcome":"Approve","amount":500,"deviationReason":"Teilbewilligung: Honorar gekürzt","remainingBudget":64000}""")!.AsObject()));

        Assert.Equal("amount", refused.Field);
        Assert.Equal(task.Id, (await engine.TaskAsync(id, "OfficeDecision")).Id);
        Assert.Empty(await engine.TakeMessagesAsync());
    }

    [Fact]
    public async Task AppealPeriodLapsing_MakesTheGrantFinal_AndTheProjectStarts()
    {
        await using var engine = await EngineAsync();
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application());
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"Session","meetingAt":"2026-03-19T18:00:00+01:00"}""");
        await engine.CompleteAsync(id, "CommitteeVote", """{"outcome":"Recommend"}""");
        await engine.CompleteAsync(id, "OfficeDecision", """{"outcome":"Approve","amount":1800,"deviationReason":"Teilbewilligung: Honorar gekürzt","remainingBudget":64000}""");
        await engine.TakeMessagesAsync();

        // Appeal deadline Tue 7 Apr 2026 (after Easter Monday), lapsing at midnight German time = 22:00 UTC; the signing
        // reminder of 31 Mar has fired by then.
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 7, 21, 59, 0, TimeSpan.Zero));
        Assert.Equal(1, await engine.FireDueTimersAsync());
        Assert.Equal(["GrantSigningDue", "SendEmail"], (await engine.TakeMessagesAsync()).Select(m => m.Type));
        Assert.Equal(0, await engine.FireDueTimersAsync());
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 4, 7, 22, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await engine.FireDueTimersAsync());

        var lapsed = await engine.TakeMessagesAsync();
        Assert.Equal(["GrantAccepted", "SendEmail"], lapsed.Select(m => m.Type));
        Assert.Equal("Bestandskraft", lapsed[1].Payload["template"]!.GetValue<string>());
        var accepted = lapsed[0];
        Assert.Equal("Widerspruchsfrist abgelaufen", accepted.Payload["signedBy"]!.GetValue<string>());
        Assert.Equal(["ProjectExecution", "Withdrawal"], await engine.OpenStepsAsync(id));
    }

    [Fact]
    public async Task ProjectEnd_ReachedByDate_FiresAt24OClockOfTheLastDay_AndAsksForTheProofOfUse()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine);

        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 21, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await engine.FireDueTimersAsync());
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 22, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await engine.FireDueTimersAsync());

        AssertMessages(await engine.TakeMessagesAsync(), "ProofOfUseDue");
        Assert.Equal("date", (await engine.VariableAsync(id, FundingVariables.ProjectEnd))!["reportedBy"]!.GetValue<string>());
        // No payout was made, so the applicant may still withdraw.
        Assert.Equal(["ProofOfUse", "Withdrawal"], await engine.OpenStepsAsync(id));
    }

    [Fact]
    public async Task ProjectEnd_ReportedEarly_BringsTheProofOfUseForward()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine);
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 7, 1, 8, 0, 0, TimeSpan.Zero));

        var refused = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.CompleteAsync(id, "ProjectExecution", """{"outcome":"ProjectEnded","endedOn":"2026-07-15"}"""));
        Assert.Equal("endedOn", refused.Field);

        await engine.CompleteAsync(id, "ProjectExecution", """{"outcome":"ProjectEnded","endedOn":"2026-06-30"}""");
        var due = AssertMessages(await engine.TakeMessagesAsync(), "ProofOfUseDue");
        // 30 Jun + 6 weeks = Tue 11 Aug 2026, until midnight German time.
        Assert.Equal(new DateTimeOffset(2026, 8, 12, 0, 0, 0, TimeSpan.FromHours(2)), due["dueAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task ProjectEnd_PassingWhileTheOfficeReviewsAPayout_EndsTheProjectRightAfterTheOrder()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine);
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 28, 8, 0, 0, TimeSpan.Zero));
        await RequestPayoutAsync(engine, id, 600m, "2026-09-30");

        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 10, 2, 8, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await engine.FireDueTimersAsync());
        await engine.CompleteAsync(id, "PayoutReview", """{"outcome":"Ordered"}""");

        Assert.Equal(["PayoutRequested", "PayoutOrdered", "SendEmail", "ProofOfUseDue", "SendEmail"], (await engine.TakeMessagesAsync()).Select(m => m.Type));
        Assert.Equal(["ProofOfUse"], await engine.OpenStepsAsync(id));
    }

    [Fact]
    public async Task ProofOfUse_Overdue_TimerFiresOnce_SendsTheDunning_AndKeepsWaiting()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedAsync(engine);
        await PayAsync(engine, id, Grant);
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 9, 30, 22, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await engine.FireDueTimersAsync());
        await engine.TakeMessagesAsync();

        // Due Wed 11 Nov 2026; the default ladder reminds on 28 Oct, 8 Nov and the due day, and dunns a week later
        // (Wed 18 Nov, 00:00 German time = 17 Nov, 23:00 UTC); the due moment itself is no timer of its own.
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 11, 23, 0, 0, TimeSpan.Zero));
        Assert.Equal(3, await engine.FireDueTimersAsync());
        Assert.All(await engine.TakeMessagesAsync(), m => Assert.True(m.Type is "ProofOfUseDue" or "SendEmail", m.Type));
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 17, 22, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await engine.FireDueTimersAsync());
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 11, 17, 23, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await engine.FireDueTimersAsync());

        var overdue = AssertMessages(await engine.TakeMessagesAsync(), "ProofOfUseOverdue");
        Assert.Equal(1, overdue["reminderLevel"]!.GetValue<int>());
        Assert.Equal(["ProofOfUse"], await engine.OpenStepsAsync(id));
        await engine.CompleteAsync(id, "ProofOfUse", """{"spentAmount":1800,"report":"Verspätet, aber vollständig"}""");
        await engine.TaskAsync(id, "ProofOfUseReview");
    }

    /// <summary>Asserts the step published exactly its event and the applicant's e-mail; returns the event's payload.</summary>
    protected static JsonObject AssertMessages(List<(string Type, JsonObject Payload)> messages, string expectedEvent)
    {
        // A decision issues its Bescheid in the same burst: the stored event carries the PDF, the e-mail the same bytes.
        var issuesDocument = expectedEvent is "ApplicationApproved" or "ApplicationRejected" or "ReclaimRaised" or "ChangeApproved";
        Assert.Equal(issuesDocument ? [expectedEvent, "DocumentIssued", "SendEmail"] : [expectedEvent, "SendEmail"], messages.Select(m => m.Type));
        var (_, payload) = messages[0];
        var email = messages[^1].Payload;
        if (issuesDocument)
        {
            var document = messages[1].Payload;
            var content = Convert.FromBase64String(document["content"]!.GetValue<string>());
            Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(content)), document["sha256"]!.GetValue<string>());
            var attachment = Assert.Single(email["attachments"]!.AsArray())!;
            Assert.Equal("application/pdf", attachment["contentType"]!.GetValue<string>());
            Assert.Equal(document["content"]!.GetValue<string>(), attachment["content"]!.GetValue<string>());
            Assert.Contains("Verwaltungsgericht Gelsenkirchen", email["values"]!["Rechtsbehelfsbelehrung"]!.GetValue<string>(), StringComparison.Ordinal);
        }

        Assert.Equal("AIF-2026-0042", payload["applicationId"]!.GetValue<string>());
        Assert.Equal("herten-aif", payload["fund"]!.GetValue<string>());
        Assert.Equal("kontakt@buntstattbraun.example", email["to"]!.GetValue<string>());
        Assert.Equal("AIF-2026-0042", email["values"]!["Aktenzeichen"]!.GetValue<string>());
        return payload;
    }

    /// <summary>The case is over: finished, nothing left waiting (the withdrawal option included).</summary>
    protected static async Task AssertEndedAsync(FundingEngine engine, string id)
    {
        Assert.Equal(WorkflowStatus.Finished, await engine.StatusAsync(id));
        Assert.Empty(await engine.TasksAsync(id));
    }

    /// <summary>
    /// An action fund case approved with <see cref="Grant"/> and final (appeal waived) on Mon 2 Mar 2026, waiting in
    /// the project step; messages so far are taken.
    /// </summary>
    protected static async Task<string> ApprovedAsync(FundingEngine engine, ApplicationCase? application = null, FundSettings? fund = null)
    {
        var id = await engine.StartAsync(ActionFund, application ?? FundingEngine.Application(), fund ?? FundSettings.From(DemoFunds.ActionFund(2026)));
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"Session","meetingAt":"2026-03-19T18:00:00+01:00"}""");
        await engine.CompleteAsync(id, "CommitteeVote", """{"outcome":"Recommend"}""");
        await engine.CompleteAsync(id, "OfficeDecision", $$"""{"outcome":"Approve","amount":{{Grant}},"deviationReason":"Teilbewilligung: Honorar gekürzt","remainingBudget":64000}""");
        await engine.CompleteAsync(id, "GrantAcceptance", """{"outcome":"AppealWaived","signedBy":"Erika Muster"}""");
        await engine.TakeMessagesAsync();
        return id;
    }

    protected static Task<RunResult> RequestPayoutAsync(FundingEngine engine, string id, decimal amount, string dueOn) =>
        engine.CompleteAsync(id, "ProjectExecution", $$"""
            {"outcome":"PayoutRequested","amount":{{amount}},"expenditures":[{"dueOn":"{{dueOn}}","amount":{{amount}},"description":"Honorare und Miete"}]}
            """);

    /// <summary>Requests and orders a payout (value date Thu 5 Mar 2026); messages are taken.</summary>
    protected static async Task PayAsync(FundingEngine engine, string id, decimal amount)
    {
        await RequestPayoutAsync(engine, id, amount, "2026-04-10");
        await engine.CompleteAsync(id, "PayoutReview", """{"outcome":"Ordered","payOn":"2026-03-05"}""");
        await engine.TakeMessagesAsync();
    }
}

public sealed class FundingProcessOnSqliteTests(SqliteFundingStoreFixture fixture) : FundingProcessTests(fixture), IClassFixture<SqliteFundingStoreFixture>;

public sealed class FundingProcessOnPostgreSqlTests(PostgreSqlFundingStoreFixture fixture) : FundingProcessTests(fixture), IClassFixture<PostgreSqlFundingStoreFixture>;
