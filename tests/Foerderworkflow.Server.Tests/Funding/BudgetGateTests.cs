using System.Net;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

public sealed class BudgetGateTests(ServerFactory factory) : BudgetGateScenarios(factory), IClassFixture<ServerFactory>;

public sealed class BudgetGatePostgreSqlTests(PostgreSqlServerFactory factory) : BudgetGateScenarios(factory), IClassFixture<PostgreSqlServerFactory>;

/// <summary>
/// Two approvals that together exceed the year's budget, sent at once: exactly one commits; the other is refused
/// with one answer, whether the store's budget gate stopped it inside the commit or the first approval was already in
/// the remaining budget: 409, naming <c>amount</c>, the amount and what is left; that case still waits for the decision.
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
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var problem = await FundingApi.ReadAsync(refused);
        Assert.Equal("Budget nicht ausreichend", problem["title"]!.GetValue<string>());
        Assert.Equal("Der Betrag von 40.000,00 € übersteigt das verfügbare Budget; im Haushaltsjahr sind noch 24.000,00 € verfügbar.", problem["errors"]!["amount"]![0]!.GetValue<string>());

        var after = await api.GetOkAsync("amt", $"/api/funds/herten-aif/budgets/{year}");
        Assert.Equal(40_000m, after["committed"]!.GetValue<decimal>());
        var statuses = new[] { await api.GetOkAsync("amt", $"/api/applications/{first}"), await api.GetOkAsync("amt", $"/api/applications/{second}") }
            .Select(FundingApi.Status).Order().ToList();
        Assert.Equal(["Approved", "AwaitingDecision"], statuses);
    }

    [Fact]
    public async Task Approval_OverTheRemainingBudget_Is409NamingAmountAndWhatIsLeft()
    {
        var id = await api.UpToDecisionAsync(form: LargeForm(requested: 65_000m));
        var available = (await api.GetOkAsync("amt", $"/api/funds/herten-aif/budgets/{FundingApi.ProjectDates().Year}"))["available"]!.GetValue<decimal>();

        var response = await api.PostAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 65_000m, capExceptionReason = "Stadtweites Großprojekt" });

        await FundingApi.ExpectAsync(HttpStatusCode.Conflict, response);
        Assert.Equal($"Der Betrag von 65.000,00 € übersteigt das verfügbare Budget; im Haushaltsjahr sind noch {Euro(available)} verfügbar.",
            (await FundingApi.ReadAsync(response))["errors"]!["amount"]![0]!.GetValue<string>());
    }

    private static string Euro(decimal amount) => amount.ToString("N2", new System.Globalization.NumberFormatInfo { NumberDecimalSeparator = ",", NumberGroupSeparator = "." }) + " €";

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
