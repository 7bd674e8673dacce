using System.Globalization;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Persistence.Tests.Infrastructure;
using Foerderworkflow.Funding.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Funding.Persistence.Tests;

/// <summary>
/// What the funding store must do, run once per database (see the subclasses). Tests of one class share a database,
/// so each works on a fund of its own.
/// </summary>
public abstract partial class FundingStoreContract(FundingStoreFixture fixture)
{
    protected const string Workflow = "aktions-und-initiativfonds";
    protected const int Year = 2026;

    protected FundingStoreFixture Fixture { get; } = fixture;

    protected FundingStore Funding => Fixture.Funding;

    protected WorkflowRuntime Runtime => Fixture.Runtime;

    /// <summary>A fund of the test's own (unique id and file-number prefix) with <paramref name="budget"/> in <see cref="Year"/>.</summary>
    protected async Task<Fund> NewFundAsync(decimal budget = 64_000m)
    {
        var bytes = Guid.NewGuid().ToByteArray();
        var prefix = string.Concat(bytes.Take(6).Select(b => (char)('A' + (b % 26))));
        var fund = DemoFunds.ActionFund(Year) with
        {
            Id = "test-" + Convert.ToHexString(bytes).ToLowerInvariant(),
            FileNumberPrefix = prefix,
            Budgets = [new FundBudget(Year, Money.FromEuros(budget))],
        };
        await Funding.SaveFundAsync(fund, CancellationToken.None);
        return fund;
    }

    /// <summary>Allocates a file number and starts the action fund's workflow for it, as the API does.</summary>
    protected async Task<(ApplicationCase Application, string InstanceId)> SubmitAsync(Fund fund, decimal requested = 3_000m, string subject = "antragsteller-1", DateOnly? projectStart = null)
    {
        var number = await Funding.NextFileNumberAsync(fund.Id, Year, CancellationToken.None);
        var application = new ApplicationCase
        {
            ApplicationId = Guid.NewGuid().ToString("N"),
            FileNumber = number.ToString(),
            BudgetYear = Year,
            ApplicantSubject = subject,
            ApplicantName = "Bunt statt braun e. V.",
            ApplicantEmail = "kontakt@buntstattbraun.example",
            Title = "Demokratiefest im Stadtteil",
            RequestedAmount = requested,
            ProjectStart = projectStart ?? new DateOnly(2026, 5, 1),
            ProjectEnd = new DateOnly(2026, 9, 30),
        };
        var input = new JsonObject
        {
            ["application"] = FundingVariables.ToJson(application),
            ["fund"] = FundingVariables.ToJson(FundSettings.From(fund)),
        };
        var result = await Runtime.StartAsync(Workflow, input, application.FileNumber);
        Assert.Empty(result.Incidents);
        return (application, result.InstanceId);
    }

    /// <summary>
    /// The open funding task of <paramref name="step"/>; asserts there is exactly one. The withdrawal task waits beside
    /// the process steps until the first payout, so the instance may hold more than one task; reminder rungs (bookmarks
    /// of their own name, carrying the step too) are not tasks.
    /// </summary>
    protected async Task<Bookmark> TaskAsync(string instanceId, string step)
    {
        var details = await Fixture.Store.GetInstanceDetailsAsync(instanceId) ?? throw new InvalidOperationException("No instance.");
        Assert.Empty(details.Incidents);
        return Assert.Single(details.Bookmarks, b => b.Name == FundingTaskActivity.BookmarkName && b.Payload["step"]?.GetValue<string>() == $"Foerderworkflow.Funding.{step}");
    }

    protected async Task CompleteAsync(string instanceId, string step, string input)
    {
        var bookmark = await TaskAsync(instanceId, step);
        var result = await Runtime.ResumeAsync(bookmark.Id, JsonNode.Parse(input)!.AsObject());
        Assert.Empty(result.Incidents);
    }

    /// <summary>Formal review, routing to a session and a positive vote: the case then waits for the office's decision.</summary>
    protected async Task ToOfficeDecisionAsync(string instanceId)
    {
        await CompleteAsync(instanceId, "FormalReview", """{"outcome":"ToDecision"}""");
        await CompleteAsync(instanceId, "RouteApplication", """{"procedure":"Session","meetingAt":"2026-03-19T18:00:00+01:00","agendaItem":"TOP 4"}""");
        await CompleteAsync(instanceId, "CommitteeVote", """{"outcome":"Recommend"}""");
        await TaskAsync(instanceId, "OfficeDecision");
    }

    protected static JsonObject Approve(decimal amount) =>
        JsonNode.Parse(string.Create(CultureInfo.InvariantCulture, $$"""{"outcome":"Approve","amount":{{amount}},"deviationReason":"Teilbewilligung: Honorar gekürzt","remainingBudget":1000000}"""))!.AsObject();

    protected async Task<ApplicationSummary> SummaryAsync(string applicationId) =>
        await Funding.FindApplicationAsync(applicationId, CancellationToken.None) ?? throw new InvalidOperationException($"Application {applicationId} is not registered.");

    protected async Task<FundBudgetStatus> BudgetAsync(Fund fund) =>
        await Funding.GetBudgetAsync(fund.Id, Year, CancellationToken.None) ?? throw new InvalidOperationException($"Fund {fund.Id} has no budget.");

    /// <summary>A single number from the fixture's database.</summary>
    protected async Task<long> ScalarAsync(string sql, params (string Name, object? Value)[] parameters)
    {
        var database = new FundingDatabase(Fixture.Services.GetRequiredService<WorkflowStoreOptions>());
        await using var connection = await database.OpenAsync(CancellationToken.None);
        await using var command = FundingDatabase.Command(connection, null, sql, parameters);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }
}
