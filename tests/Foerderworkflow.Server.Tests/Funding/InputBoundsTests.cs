using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// Issue 12: years and dates outside any sensible range, and JSON bodies of the wrong shape, are 400 problems naming
/// the field — never a 500 — and change nothing.
/// </summary>
public sealed class InputBoundsTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(10_000)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public async Task Submit_BudgetYearOutOfRange_Is400NamingBudgetYear_AndCreatesNothing(int year)
    {
        var before = (await api.GetListAsync("traeger", "/api/applications")).Count;
        var form = FundingApi.Form();
        form["budgetYear"] = year;

        var response = await api.PostAsync("traeger", "/api/applications", form);

        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, response);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.NotNull((await FundingApi.ReadAsync(response))["errors"]!["budgetYear"]);
        Assert.Equal(before, (await api.GetListAsync("traeger", "/api/applications")).Count);
    }

    [Fact]
    public async Task Submit_BudgetYearTheFundHasNoBudgetFor_Is400NamingBudgetYear()
    {
        var form = FundingApi.Form();
        form["budgetYear"] = 2001;

        var response = await api.PostAsync("traeger", "/api/applications", form);

        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, response);
        Assert.NotNull((await FundingApi.ReadAsync(response))["errors"]!["budgetYear"]);
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("0001-01-01")]
    public async Task Submit_PeriodAtTheEdgesOfTheCalendar_Is400NamingThePeriod(string day)
    {
        var form = FundingApi.Form();
        form["period"]!["start"] = day;
        form["period"]!["end"] = day;

        var response = await api.PostAsync("traeger", "/api/applications", form);

        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, response);
        var errors = (await FundingApi.ReadAsync(response))["errors"]!.AsObject();
        Assert.Contains(errors, e => e.Key.StartsWith("period.", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("9999-12-31")]
    [InlineData("2999-01-01")]
    public async Task PayoutApproval_PayOnBeyondTheBudgetYear_Is400NamingPayOn_AndThePayoutStillWaits(string payOn)
    {
        var id = await api.UpToDecisionAsync();
        await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });
        await api.PostOkAsync("traeger", $"/api/applications/{id}/grant-acceptance", new { outcome = "AppealWaived", signedBy = "Aylin Demir" });
        var requested = await api.PostOkAsync("traeger", $"/api/applications/{id}/payout-requests", new
        {
            amount = 1_300m,
            expenditures = new[] { new { dueOn = FundingApi.Day(FundingApi.ProjectDates().End), amount = 1_300m, description = "Honorar" } },
        });
        var approval = requested["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>();

        var response = await api.PostAsync("amt", approval, new { outcome = "Ordered", payOn });

        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, response);
        Assert.NotNull((await FundingApi.ReadAsync(response))["errors"]!["payOn"]);
        var still = await api.GetOkAsync("amt", $"/api/applications/{id}");
        Assert.Equal(approval, still["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>());

        // A pay day inside the budget year is still accepted.
        await api.PostOkAsync("amt", approval, new { outcome = "Ordered", payOn = FundingApi.Day(FundingApi.ProjectDates().End) });
    }

    [Theory]
    [InlineData("/elsa/api/workflow-definitions")]
    [InlineData("/elsa/api/workflow-definitions/no-such-definition/execute")]
    [InlineData("/elsa/api/workflow-definitions/import")]
    [InlineData("/elsa/api/workflow-instances")]
    [InlineData("/elsa/api/workflow-instances/no-such-instance/journal")]
    [InlineData("/api/workflow-definitions")]
    [InlineData("/api/workflow-instances")]
    [InlineData("/api/applications")]
    public async Task Post_JsonArrayBody_Is400Problem(string path)
    {
        var client = await api.AsAsync(path == "/api/applications" ? "traeger" : "admin");

        foreach (var body in new[] { "[]", "\"x\"", "1", "[1,2]" })
        {
            var response = await client.PostAsync(path, new StringContent(body, Encoding.UTF8, "application/json"));

            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.NotFound, $"{body} → {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.DoesNotContain("Foerderworkflow.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.DoesNotContain("System.", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Submit_NullBody_Is400ProblemInGerman_WithoutTypeNames()
    {
        var client = await api.AsAsync("traeger");

        var response = await client.PostAsync("/api/applications", new StringContent("null", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("SubmitApplicationRequest", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WrongContentType_Is415ProblemInGerman()
    {
        var client = await api.AsAsync("traeger");

        var response = await client.PostAsync("/api/applications", new StringContent(FundingApi.Form().ToJsonString(), Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("Expected", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WrongJsonTypeInside_NamesTheFieldInGerman_WithoutTypeNames()
    {
        var form = FundingApi.Form();
        form["applicant"] = new JsonArray();

        var response = await api.PostAsync("traeger", "/api/applications", form);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync();
        Assert.NotNull((await FundingApi.ReadAsync(response))["errors"]!["applicant"]);
        Assert.DoesNotContain("Foerderworkflow.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
    }
}
