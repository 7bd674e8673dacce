using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Decisions;
using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Funding.Tests.Activities;

/// <summary>A Zuwendungsbescheid made known through the portal (§ 41 (2a) VwVfG): the appeal period runs from its retrieval, or from the office's other notification.</summary>
public abstract partial class FundingProcessTests
{
    [Fact]
    public async Task PortalBescheid_RetrievedOnAFriday_StartsTheAppealPeriodOnSaturday_AndBecomesFinalWhenItEnds()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedThroughThePortalAsync(engine);

        // Not notified yet: the grant cannot lapse into Bestandskraft, however long it waits for the retrieval.
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 6, 10, 0, 0, TimeSpan.FromHours(1)));  // Friday 6 March
        Assert.Equal(0, await engine.FireDueTimersAsync());

        await engine.Runtime.TriggerEventAsync(GrantAcceptanceActivity.DocumentRetrievedEvent, "AIF-2026-0042", new JsonObject { ["retrievedAt"] = engine.Clock.GetUtcNow() });

        // Deemed notified Saturday 7 March; one month → Tuesday 7 April 2026, 24:00.
        var decision = (await engine.VariableAsync(id, FundingVariables.Decision))!;
        Assert.Equal("2026-03-06", decision["notice"]!["retrievedOn"]!.GetValue<string>());
        var appealEnd = new DateTimeOffset(2026, 4, 8, 0, 0, 0, TimeSpan.FromHours(2));
        Assert.Equal(appealEnd, decision["appealDeadline"]!.GetValue<DateTimeOffset>());
        Assert.Equal(appealEnd, (await engine.TaskAsync(id, "GrantAcceptance")).Payload["dueAt"]!.GetValue<DateTimeOffset>());

        // The ten days pass without effect (the lapse timer went with the retrieval); the period's end makes the grant final.
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 20, 12, 0, 0, TimeSpan.Zero));
        Assert.Equal(0, await engine.FireDueTimersAsync());
        Assert.DoesNotContain(await engine.TasksAsync(id), t => t.Payload["assigneeRole"]!.GetValue<string>() == FundingTaskActivity.OfficeRole);
        engine.Clock.SetUtcNow(appealEnd);
        await engine.FireDueTimersAsync();
        Assert.Equal(GrantAcceptanceActivity.AppealPeriodLapsed, (await engine.VariableAsync(id, FundingVariables.Acceptance))!["outcome"]!.GetValue<string>());
    }

    [Fact]
    public async Task PortalBescheid_NotRetrievedWithinTenDays_TellsTheOffice_WhoseNotificationByPostStartsThePeriod()
    {
        await using var engine = await EngineAsync();
        var id = await ApprovedThroughThePortalAsync(engine);

        // Made available Monday 2 March: the ten days end on Thursday 12 March, 24:00.
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 12, 22, 59, 0, TimeSpan.Zero));
        Assert.Equal(0, await engine.FireDueTimersAsync());
        engine.Clock.SetUtcNow(new DateTimeOffset(2026, 3, 12, 23, 0, 0, TimeSpan.Zero));
        Assert.Equal(1, await engine.FireDueTimersAsync());
        var officeTask = await engine.TaskAsync(id, "GrantAcceptance", FundingTaskActivity.OfficeRole);
        Assert.Equal(GrantAcceptanceActivity.OfficeNotifyTitle, officeTask.Payload["title"]!.GetValue<string>());

        var refused = await Assert.ThrowsAsync<InvalidResumeInputException>(() =>
            engine.Runtime.ResumeAsync(officeTask.Id, new JsonObject { ["outcome"] = GrantAcceptanceActivity.NotifiedOtherwise, ["sentOn"] = "2026-03-14" }));
        Assert.Equal("sentOn", refused.Field);

        await engine.Runtime.ResumeAsync(officeTask.Id, new JsonObject { ["outcome"] = GrantAcceptanceActivity.NotifiedOtherwise, ["path"] = "Post", ["sentOn"] = "2026-03-13" });

        // Posted Friday 13 March → deemed Tuesday 17 March → Friday 17 April 2026, 24:00.
        var decision = (await engine.VariableAsync(id, FundingVariables.Decision))!;
        Assert.Equal(nameof(NotificationPath.Post), decision["notice"]!["path"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2026, 4, 18, 0, 0, 0, TimeSpan.FromHours(2)), decision["appealDeadline"]!.GetValue<DateTimeOffset>());
        Assert.Equal(["GrantAcceptance", "Withdrawal"], await engine.OpenStepsAsync(id));
    }

    /// <summary>Approved on Monday 2 March 2026 by a fund whose Bescheide are made known through the portal; the messages taken.</summary>
    private static async Task<string> ApprovedThroughThePortalAsync(FundingEngine engine)
    {
        var id = await engine.StartAsync(ActionFund, FundingEngine.Application(), DemoFunds.ActionFund(2026) with { NotificationPath = NotificationPath.PortalRetrieval });
        await engine.CompleteAsync(id, "FormalReview", """{"outcome":"ToDecision"}""");
        await engine.CompleteAsync(id, "RouteApplication", """{"procedure":"WrittenProcedure","closingAt":"2026-03-02T12:00:00+01:00"}""");
        await engine.CompleteAsync(id, "CommitteeVote", """{"outcome":"Recommend"}""");
        await engine.CompleteAsync(id, "OfficeDecision", """{"outcome":"Approve","amount":2000,"remainingBudget":64000}""");
        var messages = await engine.TakeMessagesAsync();
        var document = messages.Single(m => m.Type == "DocumentIssued").Payload;
        Assert.Equal(nameof(NotificationPath.PortalRetrieval), document["notificationPath"]!.GetValue<string>());

        // Through the portal the e-mail says where to find the Bescheid; it does not carry it.
        var email = messages.Last(m => m.Type == "SendEmail").Payload;
        Assert.Null(email["attachments"]);
        Assert.Null(email["values"]!["Anhang"]);
        return id;
    }
}
