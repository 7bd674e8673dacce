using System.Net;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

public sealed class BudgetGateTests(ServerFactory factory) : BudgetGateScenarios(factory), IClassFixture<ServerFactory>;

public sealed class BudgetGatePostgreSqlTests(PostgreSqlServerFactory factory) : BudgetGateScenarios(factory), IClassFixture<PostgreSqlServerFactory>;

/// <summary>
/// Two approvals that together exceed the year's budget, sent at once: exactly one commits; the other is refused
/// naming <c>amount</c> — 409 when the store's budget gate stops it inside the commit, 400 when the office rule
/// already saw the first approval in the remaining budget — and that case still waits for the decision.
/// </summary>
public abstract class BudgetGateScenarios(ServerFactory factory)
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task ConcurrentApprovals_OverTheBudget_OneCommits_TheOtherIsRefusedNamingAmount()
    {
        var first = await api.UpToDecisionAsync(form: LargeForm());
        var second = await api.UpToDecisionAsync(form: LargeForm());
        var year = FundingApi.ProjectDates().Year;
        var before = await api.GetOkAsync("amt", $"/api/funds/herten-aif/budgets/{year}");
        Assert.Equal(64_000m, before["available"]!.GetValue<decimal>());

        var answers = await Task.WhenAll(
            api.PostAsync("amt", $"/api/applications/{first}/decision", new { outcome = "Approve", amount = 40_000m, capExceptionReason = "Stadtweites Großprojekt" }),
            api.PostAsync("amt", $"/api/applications/{second}/decision", new { outcome = "Approve", amount = 40_000m, capExceptionReason = "Stadtweites Großprojekt" }));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        var refused = Assert.Single(answers, a => a.StatusCode != HttpStatusCode.OK);
        Assert.Contains(refused.StatusCode, new[] { HttpStatusCode.Conflict, HttpStatusCode.BadRequest });
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await FundingApi.ReadAsync(refused))["errors"]!["amount"]);

        var after = await api.GetOkAsync("amt", $"/api/funds/herten-aif/budgets/{year}");
        Assert.Equal(40_000m, after["committed"]!.GetValue<decimal>());
        var statuses = new[] { await api.GetOkAsync("amt", $"/api/applications/{first}"), await api.GetOkAsync("amt", $"/api/applications/{second}") }
            .Select(FundingApi.Status).Order().ToList();
        Assert.Equal(["Approved", "AwaitingDecision"], statuses);
    }

    [Fact]
    public async Task Approval_OverTheRemainingBudget_Is400NamingAmount()
    {
        var id = await api.UpToDecisionAsync(form: LargeForm(requested: 65_000m));

        var response = await api.PostAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 65_000m, capExceptionReason = "Stadtweites Großprojekt" });

        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, response);
        Assert.NotNull((await FundingApi.ReadAsync(response))["errors"]!["amount"]);
    }

    private static JsonObject LargeForm(decimal requested = 40_000m)
    {
        var form = FundingApi.Form("Stadtweites Demokratiefest", requested);
        var own = decimal.Round(requested / 9m, 0) + 1m;
        form["costPlan"]!["lines"]![1]!["amount"] = own;
        form["costPlan"]!["ownFunds"] = own;
        form["capExceptionReason"] = "Stadtweites Großprojekt mit allen Trägern";
        return form;
    }
}
