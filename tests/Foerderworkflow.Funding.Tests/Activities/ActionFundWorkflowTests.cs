using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Funding.Tests.Activities;

/// <summary>The action fund's workflow (workflows/aktions-und-initiativfonds.json) through the real engine on SQLite.</summary>
public sealed class ActionFundWorkflowTests
{
    private const string Workflow = "aktions-und-initiativfonds";

    [Fact]
    public async Task HappyPath_RunsFromSubmissionToClosed_PublishingEventAndEmailPerStep()
    {
        await using var engine = await FundingEngine.CreateAsync(Workflow + ".json");
        var id = await engine.StartAsync(Workflow, FundingEngine.Application());
        AssertMessages(await engine.TakeMessagesAsync(), "ApplicationSubmitted");

        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        Assert.Empty(await engine.TakeMessagesAsync());

        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"Session","meetingAt":"2026-03-19T18:00:00+01:00","agendaItem":"TOP 4"}""");
        var putToVote = AssertMessages(await engine.TakeMessagesAsync(), "PutToVote");
        Assert.Equal("Begleitausschuss", putToVote["committee"]!.GetValue<string>());

        await engine.CompleteAsync(id, "CommitteeVote", """
            {"members":[{"id":"m1","name":"A"},{"id":"m2","name":"B"},{"id":"m3","name":"C"}],
             "present":["m1","m2","m3"],
             "ballots":[{"voterId":"m1","choice":"For"},{"voterId":"m2","choice":"For"},{"voterId":"m3","choice":"Against"}]}
            """);
        // The vote is only a recommendation: the event, no e-mail to the applicant.
        var voteMessages = await engine.TakeMessagesAsync();
        Assert.Equal(["VoteClosed"], voteMessages.Select(m => m.Type));
        var vote = voteMessages[0].Payload;
        Assert.True(vote["carried"]!.GetValue<bool>());
        Assert.Equal(2, vote["votesFor"]!.GetValue<int>());

        await engine.CompleteAsync(id, "OfficeDecision", """{"outcome":"Approve","amount":1800,"remainingBudget":64000,"conditions":["Logo der Partnerschaft verwenden"]}""");
        var approved = AssertMessages(await engine.TakeMessagesAsync(), "ApplicationApproved");
        Assert.Equal(1800m, approved["approvedAmount"]!["amount"]!.GetValue<decimal>());

        var acceptance = await engine.TaskAsync(id, "GrantAcceptance");
        Assert.NotNull(acceptance.Payload["dueAt"]);
        await engine.CompleteAsync(id, "GrantAcceptance", """{"outcome":"AppealWaived","signedBy":"Erika Muster"}""");
        var messages = await engine.TakeMessagesAsync();
        Assert.Equal(["GrantAccepted", "ProofOfUseDue", "SendEmail"], messages.Select(m => m.Type));
        // Project end 30 Sep 2026 + 6 weeks = Wed 11 Nov 2026, due until midnight German time.
        Assert.Equal(new DateTimeOffset(2026, 11, 12, 0, 0, 0, TimeSpan.FromHours(1)), messages[1].Payload["dueAt"]!.GetValue<DateTimeOffset>());

        await engine.CompleteAsync(id, "ProofOfUse", """{"spentAmount":1800,"report":"Fest mit 300 Gästen"}""");
        await engine.CompleteAsync(id, "ProofOfUseReview", """{"outcome":"Accepted"}""");
        messages = await engine.TakeMessagesAsync();
        Assert.Equal(["ProofOfUseAccepted", "ApplicationClosed", "SendEmail"], messages.Select(m => m.Type));
        Assert.Equal(1800m, messages[1].Payload["finalAmount"]!["amount"]!.GetValue<decimal>());
        Assert.Equal(WorkflowStatus.Finished, await engine.StatusAsync(id));
    }

    [Fact]
    public async Task ChangeRequest_ThenResubmission_ReturnsToFormalReviewWithTheCorrectedApplication()
    {
        await using var engine = await FundingEngine.CreateAsync(Workflow + ".json");
        var id = await engine.StartAsync(Workflow, FundingEngine.Application());
        await engine.TakeMessagesAsync();

        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ChangeRequested","reason":"Finanzierungsplan unvollständig"}""");
        var request = AssertMessages(await engine.TakeMessagesAsync(), "ChangeRequested");
        // 14 days from Mon 2 Mar 2026 → Mon 16 Mar 2026, until midnight German time.
        var deadline = new DateTimeOffset(2026, 3, 17, 0, 0, 0, TimeSpan.FromHours(1));
        Assert.Equal(deadline, request["replyDeadline"]!.GetValue<DateTimeOffset>());
        Assert.Equal("Finanzierungsplan unvollständig", request["reason"]!.GetValue<string>());
        var wait = await engine.TaskAsync(id, "AwaitResubmission");
        Assert.Equal(deadline, wait.Payload["dueAt"]!.GetValue<DateTimeOffset>());

        await engine.CompleteAsync(id, "AwaitResubmission", """{"requestedAmount":450}""");
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        // 450 € is now a small project: straight to the office, no vote.
        await engine.TaskAsync(id, "OfficeDecision");
        Assert.Empty(await engine.TakeMessagesAsync());
    }

    [Fact]
    public async Task Rejection_AfterANegativeVote_PublishesRejectionWithAppealDeadlineAndFinishes()
    {
        await using var engine = await FundingEngine.CreateAsync(Workflow + ".json");
        var id = await engine.StartAsync(Workflow, FundingEngine.Application());
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"WrittenProcedure","closingAt":"2026-03-12T12:00:00+01:00"}""");
        await engine.CompleteAsync(id, "CommitteeVote", """{"outcome":"Reject"}""");
        await engine.TakeMessagesAsync();

        await engine.CompleteAsync(id, "OfficeDecision", """{"outcome":"Reject","reasons":["Kein Bezug zu den Zielen der Partnerschaft"]}""");
        var rejected = AssertMessages(await engine.TakeMessagesAsync(), "ApplicationRejected");
        Assert.Equal("Kein Bezug zu den Zielen der Partnerschaft", rejected["reasons"]![0]!.GetValue<string>());
        // Notice of Mon 2 Mar deemed received Fri 6 Mar; one month → Mon 6 Apr 2026 is Easter Monday → Tue 7 Apr.
        Assert.Equal(new DateTimeOffset(2026, 4, 8, 0, 0, 0, TimeSpan.FromHours(2)), rejected["appealDeadline"]!.GetValue<DateTimeOffset>());
        Assert.Equal(WorkflowStatus.Finished, await engine.StatusAsync(id));
    }

    [Fact]
    public async Task OfficeDecision_AboveTheRequestedAmount_IsRefusedNamingTheFieldAndCommitsNothing()
    {
        await using var engine = await FundingEngine.CreateAsync(Workflow + ".json");
        var id = await engine.StartAsync(Workflow, FundingEngine.Application(requested: 400m));
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.TakeMessagesAsync();
        var task = await engine.TaskAsync(id, "OfficeDecision");

        var refused = await Assert.ThrowsAsync<InvalidResumeInputException>(() =>
            engine.Runtime.ResumeAsync(task.Id, JsonNode.Parse("""{"outcome":"Approve","amount":500,"remainingBudget":64000}""")!.AsObject()));

        Assert.Equal("amount", refused.Field);
        Assert.Equal(task.Id, (await engine.TaskAsync(id, "OfficeDecision")).Id);
        Assert.Empty(await engine.TakeMessagesAsync());
    }

    [Fact]
    public async Task SmallProject_IsRoutedToOfficeAndKufWithoutAVote()
    {
        await using var engine = await FundingEngine.CreateAsync(Workflow + ".json");
        var id = await engine.StartAsync(Workflow, FundingEngine.Application(requested: 500m));
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");

        await engine.TaskAsync(id, "OfficeDecision");
        AssertMessages(await engine.TakeMessagesAsync(), "ApplicationSubmitted");
        await engine.CompleteAsync(id, "OfficeDecision", """{"outcome":"Approve","amount":500,"remainingBudget":64000}""");
        AssertMessages(await engine.TakeMessagesAsync(), "ApplicationApproved");
        await engine.TaskAsync(id, "GrantAcceptance");
    }

    [Fact]
    public async Task ReplyDeadline_Lapsing_FiresTheTimerAndRejectsTheApplication()
    {
        await using var engine = await FundingEngine.CreateAsync(Workflow + ".json");
        var id = await engine.StartAsync(Workflow, FundingEngine.Application());
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ChangeRequested","reason":"Unterschrift fehlt"}""");
        await engine.TakeMessagesAsync();

        engine.Clock.Advance(TimeSpan.FromDays(14));   // Mon 16 Mar, 09:00 UTC: the deadline day is not over yet
        Assert.Equal(2, await engine.FireDueTimersAsync()); // the reminders of 13 and 16 March, not the deadline
        Assert.Equal(["Fristerinnerung", "Fristerinnerung"], (await engine.TakeMessagesAsync()).Select(m => m.Payload["template"]!.GetValue<string>()));
        await engine.TaskAsync(id, "AwaitResubmission");

        engine.Clock.Advance(TimeSpan.FromHours(14));  // 23:00 UTC = midnight in Germany
        Assert.Equal(1, await engine.FireDueTimersAsync());

        var rejected = AssertMessages(await engine.TakeMessagesAsync(), "ApplicationRejected");
        Assert.Contains("16.03.2026", rejected["reasons"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(WorkflowStatus.Finished, await engine.StatusAsync(id));
    }

    /// <summary>Asserts the step published exactly its event and the applicant's e-mail; returns the event's payload.</summary>
    private static JsonObject AssertMessages(List<(string Type, JsonObject Payload)> messages, string expectedEvent)
    {
        Assert.Equal([expectedEvent, "SendEmail"], messages.Select(m => m.Type));
        var (_, payload) = messages[0];
        var email = messages[1].Payload;
        Assert.Equal("AIF-2026-0042", payload["applicationId"]!.GetValue<string>());
        Assert.Equal("herten-aif", payload["fund"]!.GetValue<string>());
        Assert.Equal("kontakt@buntstattbraun.example", email["to"]!.GetValue<string>());
        Assert.Equal("AIF-2026-0042", email["values"]!["Aktenzeichen"]!.GetValue<string>());
        return payload;
    }
}
