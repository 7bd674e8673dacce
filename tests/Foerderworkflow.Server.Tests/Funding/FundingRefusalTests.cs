using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>Bad input, the wrong state and someone else's application: RFC 7807 answers, and nothing changes.</summary>
public sealed class FundingRefusalTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task Submit_BrokenForm_Is400NamingEveryField_AndCreatesNothing()
    {
        var before = (await api.GetListAsync("traeger", "/api/applications")).Count;
        var form = FundingApi.Form();
        form["title"] = "";
        form["description"] = new string('x', 5_001);
        form["costPlan"]!["lines"]![1]!["amount"] = -50m;
        form["period"]!["end"] = $"{FundingApi.ProjectDates().Year + 1}-01-15";

        var response = await api.PostAsync("traeger", "/api/applications", form);

        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await FundingApi.ReadAsync(response))["errors"]!.AsObject();
        Assert.NotNull(errors["costPlan.lines[1].amount"]);
        Assert.Equal((await api.GetListAsync("traeger", "/api/applications")).Count, before);

        // The structural problem first; once amounts are sane the domain rules name the texts and the period.
        form["costPlan"]!["lines"]![1]!["amount"] = 200m;
        var second = await FundingApi.ReadAsync(await api.PostAsync("traeger", "/api/applications", form));
        var named = second["errors"]!.AsObject().Select(e => e.Key).ToList();
        Assert.Contains("title", named);
        Assert.Contains("description", named);
        Assert.Contains("period.end", named);
        Assert.Contains("Zeichen", second["errors"]!["description"]![0]!.GetValue<string>());
        Assert.Equal((await api.GetListAsync("traeger", "/api/applications")).Count, before);
    }

    [Fact]
    public async Task Submit_InconsistentAmounts_NamesRequestedAmount_AndUnknownFundNamesFundId()
    {
        var form = FundingApi.Form();
        form["costPlan"]!["requestedAmount"] = 999m;
        var inconsistent = await FundingApi.ReadAsync(await api.PostAsync("traeger", "/api/applications", form));
        Assert.NotNull(inconsistent["errors"]!["costPlan.requestedAmount"]);

        var unknown = FundingApi.Form();
        unknown["fundId"] = "no-such-fund";
        var response = await api.PostAsync("traeger", "/api/applications", unknown);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await FundingApi.ReadAsync(response))["errors"]!["fundId"]);
    }

    [Fact]
    public async Task Submit_WrongJsonType_Is400NamingThatField()
    {
        var client = await api.AsAsync("traeger");
        var response = await client.PostAsync("/api/applications", new StringContent("""{"fundId":"herten-aif","budgetYear":"zwanzig"}""", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await FundingApi.ReadAsync(response))["errors"]!["budgetYear"]);
    }

    [Fact]
    public async Task Decision_NegativeOrTooHighAmount_Is400NamingAmount_AndTheCaseStillWaits()
    {
        var id = await api.UpToDecisionAsync();

        var negative = await api.PostAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = -10m });
        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, negative);
        Assert.NotNull((await FundingApi.ReadAsync(negative))["errors"]!["amount"]);

        var tooHigh = await api.PostAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 5_000m });
        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, tooHigh);
        Assert.NotNull((await FundingApi.ReadAsync(tooHigh))["errors"]!["amount"]);

        var rejectWithoutReasons = await api.PostAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Reject" });
        Assert.NotNull((await FundingApi.ReadAsync(rejectWithoutReasons))["errors"]!["reasons"]);

        var after = await api.GetOkAsync("amt", $"/api/applications/{id}");
        Assert.Equal("AwaitingDecision", FundingApi.Status(after));
        Assert.Null(after["decision"]);
    }

    [Fact]
    public async Task Routing_MeetingInThePast_Is400NamingMeetingAt()
    {
        var id = FundingApi.Id(await api.SubmitAsync());
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });

        var response = await api.PostAsync("kuf", $"/api/applications/{id}/routing", new { procedure = "Session", meetingAt = TimeProvider.System.GetUtcNow().AddDays(-1) });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await FundingApi.ReadAsync(response))["errors"]!["meetingAt"]);
        Assert.Equal("Reviewed", FundingApi.Status(await api.GetOkAsync("kuf", $"/api/applications/{id}")));
    }

    [Fact]
    public async Task Action_InTheWrongState_Is409SayingWhatTheCaseWaitsFor()
    {
        var id = FundingApi.Id(await api.SubmitAsync());

        var early = await api.PostAsync("traeger", $"/api/applications/{id}/grant-acceptance", new { outcome = "AppealWaived", signedBy = "Aylin Demir" });
        var decision = await api.PostAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 100m });

        await FundingApi.ExpectAsync(HttpStatusCode.Conflict, early);
        Assert.Equal("application/problem+json", early.Content.Headers.ContentType?.MediaType);
        var problem = await FundingApi.ReadAsync(early);
        Assert.Contains("formal", problem["detail"]!.GetValue<string>(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Submitted", problem["caseStatus"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, decision.StatusCode);
        Assert.Equal("Submitted", FundingApi.Status(await api.GetOkAsync("traeger", $"/api/applications/{id}")));
    }

    [Fact]
    public async Task OverlongReport_AndPayoutDateOutsideTheYear_Are400NamingTheField()
    {
        var id = FundingApi.Id(await api.SubmitAsync());

        var report = await api.PostAsync("traeger", $"/api/applications/{id}/proof-of-use", new { spentAmount = 100m, report = new string('x', 4_001) });
        Assert.Equal(HttpStatusCode.BadRequest, report.StatusCode);
        Assert.NotNull((await FundingApi.ReadAsync(report))["errors"]!["report"]);

        var negative = await api.PostAsync("traeger", $"/api/applications/{id}/proof-of-use", new { spentAmount = -1m, report = "x" });
        Assert.NotNull((await FundingApi.ReadAsync(negative))["errors"]!["spentAmount"]);

        // A payout for expenditures outside the budget year: refused before the step sees it, the case unchanged.
        var id2 = await api.UpToDecisionAsync();
        await api.PostOkAsync("amt", $"/api/applications/{id2}/decision", new { outcome = "Approve", amount = 1_300m });
        await api.PostOkAsync("traeger", $"/api/applications/{id2}/grant-acceptance", new { outcome = "AppealWaived", signedBy = "Aylin Demir" });
        var nextYear = FundingApi.ProjectDates().Year + 1;
        var payout = await api.PostAsync("traeger", $"/api/applications/{id2}/payout-requests", new
        {
            amount = 500m,
            expenditures = new[] { new { dueOn = $"{nextYear}-01-15", amount = 500m, description = "Miete" } },
        });
        Assert.Equal(HttpStatusCode.BadRequest, payout.StatusCode);
        Assert.NotNull((await FundingApi.ReadAsync(payout))["errors"]!["expenditures[0].dueOn"]);
        Assert.Equal("GrantAccepted", FundingApi.Status(await api.GetOkAsync("traeger", $"/api/applications/{id2}")));
    }

    [Fact]
    public async Task OtherApplicant_CannotSeeOrAct_OnSomeoneElsesApplication()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ChangeRequested", reason = "Kostenplan erläutern." });

        Assert.Equal(HttpStatusCode.NotFound, (await api.GetAsync("traeger2", $"/api/applications/{id}")).StatusCode);
        Assert.DoesNotContain(await api.GetListAsync("traeger2", "/api/applications"), a => a!["applicationId"]!.GetValue<string>() == id);
        var foreign = await api.PostAsync("traeger2", $"/api/applications/{id}/resubmission", new { title = "Gekapert" });
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);

        var own = await api.GetOkAsync("traeger", $"/api/applications/{id}");
        Assert.Equal("ChangesRequested", FundingApi.Status(own));
        Assert.NotEqual("Gekapert", own["title"]!.GetValue<string>());
        Assert.Contains(await api.GetListAsync("traeger", "/api/applications"), a => a!["applicationId"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task CommitteeMember_SeesNoApplicationsAndOnlyOpenVotes()
    {
        var id = FundingApi.Id(await api.SubmitAsync());

        Assert.Equal(HttpStatusCode.Forbidden, (await api.GetAsync("ausschuss", $"/api/applications/{id}")).StatusCode);
        Assert.DoesNotContain(await api.GetListAsync("ausschuss", "/api/votes"), v => v!["applicationId"]!.GetValue<string>() == id);
        var early = await api.PostAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });
        Assert.Equal(HttpStatusCode.Conflict, early.StatusCode);
        var bad = await api.PostAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "Vielleicht" });
        Assert.NotNull((await FundingApi.ReadAsync(bad))["errors"]!["choice"]);
    }
}
