using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Reminders;
using Foerderworkflow.Funding.Tests.Activities;

namespace Foerderworkflow.Funding.Tests.Reminders;

/// <summary>
/// The proof-of-use reminder ladder through the real engine (action fund workflow, SQLite, manual clock). One payout,
/// project end by date Sat 24 Oct 2026 + 6 weeks = Sat 5 Dec 2026, moved by § 193 BGB to Mon 7 Dec 2026; the default rungs fire at 00:00
/// German time on 23 Nov, 4 Dec, 7 Dec, 14 Dec and 28 Dec (the last hands over to the office).
/// </summary>
public sealed class ProofOfUseReminderTests
{
    private const string Workflow = "aktions-und-initiativfonds";
    private static readonly TimeSpan Winter = TimeSpan.FromHours(1);
    private static readonly DateTimeOffset[] Rungs =
    [
        new(2026, 11, 23, 0, 0, 0, Winter),
        new(2026, 12, 4, 0, 0, 0, Winter),
        new(2026, 12, 7, 0, 0, 0, Winter),
        new(2026, 12, 14, 0, 0, 0, Winter),
        new(2026, 12, 28, 0, 0, 0, Winter),
    ];

    [Fact]
    public async Task Ladder_EachRungFiresOnceAtItsMoment_WithItsEventAndEmail_ThenTheOfficeTakesOver()
    {
        await using var engine = await FundingEngine.CreateAsync(Workflow + ".json");
        var id = await ToProofOfUseAsync(engine);

        var timers = await TimersAsync(engine, id);
        Assert.Equal(Rungs, timers);

        var expected = new (string Event, string Template, int? Level)[]
        {
            ("ProofOfUseDue", "VerwendungsnachweisErinnerung", null),
            ("ProofOfUseDue", "VerwendungsnachweisErinnerung", null),
            ("ProofOfUseDue", "VerwendungsnachweisFaelligHeute", null),
            ("ProofOfUseOverdue", "VerwendungsnachweisMahnung", 1),
            ("ProofOfUseOverdue", "VerwendungsnachweisMahnung", 2),
        };
        for (var i = 0; i < Rungs.Length; i++)
        {
            MoveTo(engine, Rungs[i].AddSeconds(-1));
            Assert.Equal(0, await engine.FireDueTimersAsync());
            MoveTo(engine, Rungs[i]);
            Assert.Equal(1, await engine.FireDueTimersAsync());
            Assert.Equal(0, await engine.FireDueTimersAsync());

            var messages = await engine.TakeMessagesAsync();
            Assert.Equal([expected[i].Event, "SendEmail"], messages.Select(m => m.Type));
            Assert.Equal(new DateTimeOffset(2026, 12, 8, 0, 0, 0, Winter), messages[0].Payload["dueAt"]!.GetValue<DateTimeOffset>());
            Assert.Equal(expected[i].Level, messages[0].Payload["reminderLevel"]?.GetValue<int>());
            var email = messages[1].Payload;
            Assert.Equal(expected[i].Template, email["template"]!.GetValue<string>());
            Assert.Equal("2026-12-07", email["values"]!["Faelligkeit"]!.GetValue<string>());
            Assert.Equal(i == 3 ? "2026-12-27" : null, email["values"]!["NeueFrist"]?.GetValue<string>());
        }

        // The applicant's task is still open beside the office's; no timer is left.
        await engine.TaskAsync(id, "ProofOfUse");
        var office = await engine.TaskAsync(id, "ProofOfUse", FundingTaskActivity.OfficeRole);
        Assert.Equal(["Overdue"], office.Payload["outcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Empty(await TimersAsync(engine, id));
        MoveTo(engine, Rungs[^1].AddDays(60));
        Assert.Equal(0, await engine.FireDueTimersAsync());

        // The office ends the ladder through Overdue: the workflow's own dunning, then the step waits for the proof alone.
        var result = await engine.Runtime.ResumeAsync(office.Id, new JsonObject { ["outcome"] = "Overdue" });
        Assert.Empty(result.Incidents);
        var overdue = await engine.TakeMessagesAsync();
        Assert.Equal(["ProofOfUseOverdue", "SendEmail"], overdue.Select(m => m.Type));
        Assert.Equal(3, overdue[0].Payload["reminderLevel"]!.GetValue<int>());
        var again = await engine.TaskAsync(id, "ProofOfUse");
        Assert.Null(again.Payload["dueAt"]);
        Assert.Single((await engine.Store.GetInstanceDetailsAsync(id))!.Bookmarks);
        Assert.Empty(await TimersAsync(engine, id));
    }

    [Fact]
    public async Task AnsweredInTime_CancelsTheRungsStillAhead_NoFurtherReminder()
    {
        await using var engine = await FundingEngine.CreateAsync(Workflow + ".json");
        var id = await ToProofOfUseAsync(engine);
        MoveTo(engine, Rungs[0]);
        Assert.Equal(1, await engine.FireDueTimersAsync());
        await engine.TakeMessagesAsync();

        await engine.CompleteAsync(id, "ProofOfUse", """{"spentAmount":400,"report":"Fest mit 80 Gästen"}""");
        Assert.Equal(["ProofOfUseSubmitted", "SendEmail"], (await engine.TakeMessagesAsync()).Select(m => m.Type));

        Assert.Empty(await TimersAsync(engine, id));
        Assert.Equal(["Foerderworkflow.Funding.Task"], (await engine.Store.GetInstanceDetailsAsync(id))!.Bookmarks.Select(b => b.Name));
        await engine.TaskAsync(id, "ProofOfUseReview", FundingTaskActivity.OfficeRole);
        MoveTo(engine, Rungs[^1].AddDays(1));
        Assert.Equal(0, await engine.FireDueTimersAsync());
        Assert.Empty(await engine.TakeMessagesAsync());
    }

    [Fact]
    public async Task LateProof_AfterTheFirstDunning_IsAccepted_AndNoOfficeTaskFollows()
    {
        await using var engine = await FundingEngine.CreateAsync(Workflow + ".json");
        var id = await ToProofOfUseAsync(engine);
        MoveTo(engine, Rungs[3]);
        Assert.Equal(4, await engine.FireDueTimersAsync());
        await engine.TakeMessagesAsync();

        await engine.CompleteAsync(id, "ProofOfUse", """{"spentAmount":400,"report":"Fest mit 80 Gästen"}""");
        Assert.Equal(["ProofOfUseSubmitted", "SendEmail"], (await engine.TakeMessagesAsync()).Select(m => m.Type));
        MoveTo(engine, Rungs[4]);

        Assert.Equal(0, await engine.FireDueTimersAsync());
        Assert.Empty(await engine.TakeMessagesAsync());
        await engine.TaskAsync(id, "ProofOfUseReview", FundingTaskActivity.OfficeRole);
    }

    [Fact]
    public async Task WithoutALadder_TheDueMomentItselfLeavesThroughOverdue()
    {
        await using var engine = await FundingEngine.CreateAsync(Workflow + ".json");
        var fund = DemoFunds.ActionFund(2026) with { Reminders = new ReminderSettings { ProofOfUse = ReminderLadder.None } };
        var id = await ToProofOfUseAsync(engine, fund);

        Assert.Equal([new DateTimeOffset(2026, 12, 8, 0, 0, 0, Winter)], await TimersAsync(engine, id));
        MoveTo(engine, new DateTimeOffset(2026, 12, 8, 0, 0, 0, Winter));
        Assert.Equal(1, await engine.FireDueTimersAsync());
        Assert.Equal(["ProofOfUseOverdue", "SendEmail"], (await engine.TakeMessagesAsync()).Select(m => m.Type));
    }

    [Fact]
    public async Task GrantSigning_RemindsAWeekBeforeTheAppealDeadline_AndSigningCancelsTheReminder()
    {
        await using var engine = await FundingEngine.CreateAsync(Workflow + ".json");
        var id = await engine.StartAsync(Workflow, FundingEngine.Application(requested: 400m));
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.CompleteAsync(id, "OfficeDecision", """{"outcome":"Approve","amount":400,"deviationReason":"Teilbewilligung: Honorar gekürzt","remainingBudget":64000}""");
        await engine.TakeMessagesAsync();

        // Notice of Mon 2 Mar 2026: received 6 Mar, appeal period ends Mon 6 Apr (Easter Monday) → Tue 7 Apr; reminder on 31 Mar.
        var reminder = new DateTimeOffset(2026, 3, 31, 0, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal([reminder, new DateTimeOffset(2026, 4, 8, 0, 0, 0, TimeSpan.FromHours(2))], await TimersAsync(engine, id));
        MoveTo(engine, reminder);
        Assert.Equal(1, await engine.FireDueTimersAsync());
        var messages = await engine.TakeMessagesAsync();
        Assert.Equal(["GrantSigningDue", "SendEmail"], messages.Select(m => m.Type));
        Assert.Equal(new DateTimeOffset(2026, 4, 8, 0, 0, 0, TimeSpan.FromHours(2)), messages[0].Payload["dueAt"]!.GetValue<DateTimeOffset>());
        Assert.NotNull(messages[0].Payload["decisionId"]);
        var email = messages[1];
        Assert.Equal("Unterschriftserinnerung", email.Payload["template"]!.GetValue<string>());
        Assert.Equal("2026-04-07", email.Payload["values"]!["Frist"]!.GetValue<string>());

        await engine.CompleteAsync(id, "GrantAcceptance", """{"outcome":"AgreementSigned","signedBy":"Erika Muster"}""");
        // Only the project end (24:00 of Wed 30 Sep) is left; the proof-of-use rungs come with the proof-of-use step.
        Assert.Equal([new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.FromHours(2))], await TimersAsync(engine, id));
        Assert.Equal(WorkflowStatus.Suspended, await engine.StatusAsync(id));
    }

    [Fact]
    public async Task ChangeRequestReply_AnsweredBeforeTheReminders_CancelsThem()
    {
        await using var engine = await FundingEngine.CreateAsync(Workflow + ".json");
        var id = await engine.StartAsync(Workflow, FundingEngine.Application());
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ChangeRequested","reason":"Unterschrift fehlt"}""");
        await engine.TakeMessagesAsync();

        // Reply deadline Mon 16 Mar 2026: reminders at 00:00 on 13 and 16 March, the deadline at 24:00 on 16 March.
        Assert.Equal(
            [new DateTimeOffset(2026, 3, 13, 0, 0, 0, Winter), new DateTimeOffset(2026, 3, 16, 0, 0, 0, Winter), new DateTimeOffset(2026, 3, 17, 0, 0, 0, Winter)],
            await TimersAsync(engine, id));
        await engine.CompleteAsync(id, "AwaitResubmission", """{"title":"Demokratiefest im Stadtteil 2026"}""");

        Assert.Empty(await TimersAsync(engine, id));
        MoveTo(engine, new DateTimeOffset(2026, 3, 20, 0, 0, 0, Winter));
        Assert.Equal(0, await engine.FireDueTimersAsync());
        Assert.Empty(await engine.TakeMessagesAsync());
        await engine.TaskAsync(id, "FormalReview", "kuf");
    }

    /// <summary>Runs a small project (office and KuF decide) up to the proof of use, project end Sat 24 Oct 2026.</summary>
    private static async Task<string> ToProofOfUseAsync(FundingEngine engine, Fund? fund = null)
    {
        var id = await engine.StartAsync(Workflow, FundingEngine.Application(requested: 400m) with { ProjectEnd = new DateOnly(2026, 10, 24) }, fund);
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.CompleteAsync(id, "OfficeDecision", """{"outcome":"Approve","amount":400,"deviationReason":"Teilbewilligung: Honorar gekürzt","remainingBudget":64000}""");
        await engine.CompleteAsync(id, "GrantAcceptance", """{"outcome":"AppealWaived","signedBy":"Erika Muster"}""");
        // A payout closes the withdrawal option; the project ends by date at 24:00 of Sat 24 Oct (CEST).
        await engine.CompleteAsync(id, "ProjectExecution", """
            {"outcome":"PayoutRequested","amount":400,"expenditures":[{"dueOn":"2026-04-10","amount":400,"description":"Honorare und Miete"}]}
            """);
        await engine.CompleteAsync(id, "PayoutReview", """{"outcome":"Ordered","payOn":"2026-03-05"}""");
        MoveTo(engine, new DateTimeOffset(2026, 10, 25, 0, 0, 0, TimeSpan.FromHours(2)));
        Assert.Equal(1, await engine.FireDueTimersAsync());
        await engine.TakeMessagesAsync();
        Assert.Equal(["ProofOfUse"], await engine.OpenStepsAsync(id));
        return id;
    }

    private static async Task<List<DateTimeOffset>> TimersAsync(FundingEngine engine, string instanceId)
    {
        var timers = await engine.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 1_000);
        return [.. timers.Where(t => t.InstanceId == instanceId).Select(t => t.DueAt).Order()];
    }

    private static void MoveTo(FundingEngine engine, DateTimeOffset moment) => engine.Clock.Advance(moment - engine.Clock.GetUtcNow());
}
