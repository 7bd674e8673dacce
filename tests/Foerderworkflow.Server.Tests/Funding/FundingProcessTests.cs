using System.Net;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>A case through the HTTP API with the demo users of every role, on the embedded default (SQLite).</summary>
public sealed class FundingProcessTests(ServerFactory factory) : FundingProcessScenarios(factory), IClassFixture<ServerFactory>;

/// <summary>The same cases on PostgreSQL.</summary>
public sealed class FundingProcessPostgreSqlTests(PostgreSqlServerFactory factory) : FundingProcessScenarios(factory), IClassFixture<PostgreSqlServerFactory>;

/// <summary>A case through the HTTP API with the demo users of every role, from submission to the closed case.</summary>
public abstract class FundingProcessScenarios(ServerFactory factory)
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task HappyPath_SubmitToClosed_EveryRoleActsInTurn_AndEachAnswerSaysWhatIsNext()
    {
        var submitted = await api.SubmitAsync("traeger");
        var id = FundingApi.Id(submitted);
        Assert.Equal("Submitted", FundingApi.Status(submitted));
        Assert.Matches(@"^AIF-\d{4}-\d{4}$", submitted["fileNumber"]!.GetValue<string>());
        Assert.Contains("Koordinierungs- und Fachstelle", submitted["nextStep"]!["text"]!.GetValue<string>());
        Assert.Equal($"/api/applications/{id}/formal-review", submitted["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>());

        var inbox = await api.GetListAsync("kuf", "/api/tasks");
        Assert.Contains(inbox, t => t!["applicationId"]!.GetValue<string>() == id && t["action"]!.GetValue<string>().EndsWith("/formal-review", StringComparison.Ordinal));
        Assert.DoesNotContain(await api.GetListAsync("amt", "/api/tasks"), t => t!["applicationId"]!.GetValue<string>() == id);

        var reviewed = await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        Assert.Equal("Reviewed", FundingApi.Status(reviewed));

        var routed = await api.InSessionAsync(id, "TOP 3");
        Assert.Equal("InVote", FundingApi.Status(routed));
        Assert.Contains("Begleitausschuss", routed["nextStep"]!["text"]!.GetValue<string>());

        var open = await api.GetListAsync("ausschuss", "/api/votes");
        Assert.Contains(open, v => v!["applicationId"]!.GetValue<string>() == id && v["agendaItem"]!.GetValue<string>() == "TOP 3");
        await api.PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("ausschuss2", $"/api/applications/{id}/votes", new { choice = "For" });
        var receipt = await api.PostOkAsync("ausschuss3", $"/api/applications/{id}/votes", new { choice = "Against" });
        Assert.Equal(3, receipt["vote"]!["ballotsCast"]!.GetValue<int>());
        Assert.Equal("Against", receipt["vote"]!["myChoice"]!.GetValue<string>());

        var voted = await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { });
        Assert.Equal("AwaitingDecision", FundingApi.Status(voted));
        Assert.Equal("Recommend", voted["resolution"]!["outcome"]!.GetValue<string>());
        Assert.Equal(2, voted["resolution"]!["votesFor"]!.GetValue<int>());
        Assert.Equal(1, voted["resolution"]!["votesAgainst"]!.GetValue<int>());
        Assert.DoesNotContain(await api.GetListAsync("ausschuss", "/api/votes"), v => v!["applicationId"]!.GetValue<string>() == id);

        var approved = await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m, conditions = new[] { "Logo des Bundesprogramms verwenden" } });
        Assert.Equal("Approved", FundingApi.Status(approved));
        Assert.Equal(1_300m, approved["decision"]!["amount"]!.GetValue<decimal>());
        Assert.Contains("Der Antragsteller", approved["nextStep"]!["text"]!.GetValue<string>());

        var budget = await api.GetOkAsync("amt", $"/api/funds/herten-aif/budgets/{approved["budgetYear"]}");
        Assert.True(budget["committed"]!.GetValue<decimal>() >= 1_300m);

        var accepted = await api.PostOkAsync("traeger", $"/api/applications/{id}/grant-acceptance", new { outcome = "AppealWaived", signedBy = "Aylin Demir" });
        Assert.Equal("GrantAccepted", FundingApi.Status(accepted));
        Assert.Equal(
            [$"/api/applications/{id}/payout-requests", $"/api/applications/{id}/change-requests", $"/api/applications/{id}/project-end"],
            accepted["nextStep"]!["tasks"]![0]!["actions"]!.AsArray().Select(a => a!.GetValue<string>()).ToList());

        var requested = await api.PostOkAsync("traeger", $"/api/applications/{id}/payout-requests", new
        {
            amount = 1_300m,
            expenditures = new[] { new { dueOn = FundingApi.Day(FundingApi.ProjectDates().End), amount = 1_300m, description = "Honorar und Raummiete" } },
        });
        var approval = requested["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>();
        Assert.Matches($"^/api/applications/{id}/payouts/.+/approval$", approval);
        Assert.Contains(await api.GetListAsync("amt", "/api/tasks"), t => t!["action"]?.GetValue<string>() == approval);

        var ordered = await api.PostOkAsync("amt", approval, new { outcome = "Ordered" });
        Assert.Equal("GrantAccepted", FundingApi.Status(ordered));
        Assert.DoesNotContain(ordered["nextStep"]!["tasks"]!.AsArray(), t => t!["optional"]!.GetValue<bool>());

        var ended = await api.PostOkAsync("traeger", $"/api/applications/{id}/project-end", new { endedOn = FundingApi.Day(FundingApi.Today()) });
        Assert.Equal($"/api/applications/{id}/proof-of-use", ended["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>());
        Assert.Equal("ProofOfUseDue", FundingApi.Status(ended));
        Assert.Contains("24:00 Uhr", ended["nextStep"]!["text"]!.GetValue<string>());

        var proof = await api.PostOkAsync("traeger", $"/api/applications/{id}/proof-of-use", new { spentAmount = 1_300m, report = "Drei Abende mit 46 Teilnehmenden." });
        Assert.Equal("ProofOfUseSubmitted", FundingApi.Status(proof));

        var closed = await api.PostOkAsync("amt", $"/api/applications/{id}/proof-of-use-review", new { outcome = "Accepted" });
        Assert.Equal("Closed", FundingApi.Status(closed));
        Assert.Empty(closed["nextStep"]!["tasks"]!.AsArray());

        var mine = await api.GetListAsync("traeger", "/api/applications");
        Assert.Contains(mine, a => a!["applicationId"]!.GetValue<string>() == id && a["status"]!.GetValue<string>() == "Closed");
    }

    [Fact]
    public async Task ChangeRequest_ApplicantAnswers_CaseReturnsToFormalReviewWithTheNewData()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));

        var requested = await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ChangeRequested", reason = "Bitte den Titel präzisieren." });
        Assert.Equal("ChangesRequested", FundingApi.Status(requested));
        Assert.Equal("Bitte den Titel präzisieren.", requested["changeRequest"]!["reason"]!.GetValue<string>());
        var task = requested["nextStep"]!["tasks"]![0]!;
        Assert.Equal("applicant", task["assigneeRole"]!.GetValue<string>());
        Assert.NotNull(task["dueAt"]);
        Assert.Contains("bis", task["text"]!.GetValue<string>());

        var seen = await api.GetOkAsync("traeger", $"/api/applications/{id}");
        Assert.Equal($"/api/applications/{id}/resubmission", seen["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>());

        var answered = await api.PostOkAsync("traeger", $"/api/applications/{id}/resubmission", new
        {
            title = "Demokratiewerkstatt Herten-Süd 2026",
            costPlan = new { lines = new[] { new { description = "Honorar Moderation", amount = 1_200m }, new { description = "Raummiete", amount = 200m } }, ownFunds = 200m, requestedAmount = 1_200m },
        });
        Assert.Equal("Submitted", FundingApi.Status(answered));
        Assert.Equal("Demokratiewerkstatt Herten-Süd 2026", answered["title"]!.GetValue<string>());
        Assert.Equal(1_200m, answered["requestedAmount"]!.GetValue<decimal>());
    }

    [Fact]
    public async Task Withdrawal_BeforeThePayout_EndsTheCase_AndIsOfferedAsAnOptionUntilThen()
    {
        var submitted = await api.SubmitAsync("traeger");
        var id = FundingApi.Id(submitted);
        var option = Assert.Single(submitted["nextStep"]!["tasks"]!.AsArray(), t => t!["optional"]!.GetValue<bool>());
        Assert.Equal($"/api/applications/{id}/withdrawal", option!["action"]!.GetValue<string>());
        Assert.DoesNotContain("zurückziehen", submitted["nextStep"]!["text"]!.GetValue<string>());

        var withdrawn = await api.PostOkAsync("traeger", $"/api/applications/{id}/withdrawal", new { reason = "Die Referentin hat abgesagt." });

        Assert.Equal("Withdrawn", FundingApi.Status(withdrawn));
        Assert.Empty(withdrawn["nextStep"]!["tasks"]!.AsArray());
        var late = await api.PostAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        Assert.Equal(System.Net.HttpStatusCode.Conflict, late.StatusCode);
    }

    [Fact]
    public async Task UnspentMoney_IsReclaimed_AndTheRepaymentClosesTheCase()
    {
        var id = await api.UpToDecisionAsync();
        await api.ApprovedAndPaidAsync(id);
        await api.PostOkAsync("traeger", $"/api/applications/{id}/project-end", new { endedOn = FundingApi.Day(FundingApi.Today()) });
        await api.PostOkAsync("traeger", $"/api/applications/{id}/proof-of-use", new { spentAmount = 1_000m, report = "Ein Abend fiel aus." });

        var reclaimed = await api.PostOkAsync("amt", $"/api/applications/{id}/reclaims", new { reason = "300 € wurden nicht verbraucht." });
        Assert.Equal("ReclaimRaised", FundingApi.Status(reclaimed));
        Assert.Equal(300m, reclaimed["review"]!["unspentAmount"]!.GetValue<decimal>());
        Assert.Equal($"/api/applications/{id}/repayments", reclaimed["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>());

        var tooLittle = await api.PostAsync("amt", $"/api/applications/{id}/repayments", new { amount = 100m });
        Assert.Equal(System.Net.HttpStatusCode.BadRequest, tooLittle.StatusCode);
        Assert.NotNull((await FundingApi.ReadAsync(tooLittle))["errors"]!["amount"]);

        var repaid = await api.PostOkAsync("amt", $"/api/applications/{id}/repayments", new { amount = 300m });
        Assert.Equal("Closed", FundingApi.Status(repaid));
    }

    [Fact]
    public async Task ChangeAfterApproval_SmallShiftNeedsNoApproval_LargeOneGoesToTheOffice()
    {
        var id = await api.UpToDecisionAsync();
        await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });
        await api.PostOkAsync("traeger", $"/api/applications/{id}/grant-acceptance", new { outcome = "AgreementSigned", signedBy = "Aylin Demir" });

        var small = await api.PostOkAsync("traeger", $"/api/applications/{id}/change-requests", new
        {
            reason = "Raummiete etwas teurer",
            costLines = new[] { new { description = "Honorar Moderation", amount = 1_280m }, new { description = "Raummiete", amount = 220m } },
        });
        Assert.Equal($"/api/applications/{id}/payout-requests", small["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>());

        var large = await api.PostOkAsync("traeger", $"/api/applications/{id}/change-requests", new
        {
            reason = "Zusätzlicher Raum für Kinderbetreuung",
            costLines = new[] { new { description = "Honorar Moderation", amount = 1_000m }, new { description = "Raummiete", amount = 500m } },
        });
        Assert.Equal($"/api/applications/{id}/change-review", large["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>());

        var approved = await api.PostOkAsync("amt", $"/api/applications/{id}/change-review", new { outcome = "Approved" });
        Assert.Equal("GrantAccepted", FundingApi.Status(approved));
        Assert.Equal($"/api/applications/{id}/payout-requests", approved["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task SmallProject_GoesStraightToTheOffice_WithoutAVote()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger", FundingApi.Form("Kleines Straßenfest", requested: 400m)));

        var reviewed = await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });

        Assert.Equal("AwaitingDecision", FundingApi.Status(reviewed));
        Assert.Equal($"/api/applications/{id}/decision", reviewed["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>());
    }

    [Fact]
    public async Task Committee_ConflictOfInterest_WithdrawsTheBallot_AndBlocksVoting()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.PostOkAsync("kuf", $"/api/applications/{id}/routing", new { procedure = "WrittenProcedure", closingAt = FundingApi.Now().AddDays(10) });
        await api.PostOkAsync("ausschuss3", $"/api/applications/{id}/votes", new { choice = "For" });

        var declared = await api.PostOkAsync("ausschuss3", $"/api/applications/{id}/conflicts", new { reason = "Vorstand im antragstellenden Verein" });
        Assert.True(declared["vote"]!["myConflictDeclared"]!.GetValue<bool>());
        Assert.Equal(0, declared["vote"]!["ballotsCast"]!.GetValue<int>());

        var refused = await api.PostAsync("ausschuss3", $"/api/applications/{id}/votes", new { choice = "For" });
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task Chair_RecordsDefer_CaseGoesBackToTheAgenda()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.PostOkAsync("kuf", $"/api/applications/{id}/routing", new { procedure = "Session", meetingAt = FundingApi.Now().AddDays(3) });

        var deferred = await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { outcome = "Defer", minutes = "Vertagt: Kostenplan unklar." });

        Assert.Equal("Reviewed", FundingApi.Status(deferred));
    }
}
