using System.Collections.Concurrent;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.FileNumbers;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Registry;
using Foerderworkflow.Server.Api.Funding;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// TEMPORARY stand-in for the funding store's registry until it lands on main: the demo funds, an in-memory file-number
/// sequence, and a register read straight from the workflow instances (so it never disagrees with them). Registered
/// by <see cref="ServerFactory"/> only when the server has no registry of its own.
/// </summary>
internal sealed class InMemoryFundingRegistry(IServiceProvider services, TimeProvider clock) : IFundingRegistry
{
    private readonly ConcurrentDictionary<(string, int), int> sequences = new();

    private IReadOnlyList<Fund> Funds
    {
        get
        {
            var year = clock.GetUtcNow().Year;
            FundBudget[] budgets = [new(year, Money.FromEuros(64_000m)), new(year + 1, Money.FromEuros(64_000m))];
            return
            [
                DemoFunds.ActionFund(year) with { Budgets = budgets },
                DemoFunds.YouthFund(year) with { Budgets = [.. budgets.Select(b => b with { Amount = Money.FromEuros(10_000m) })] },
            ];
        }
    }

    public Task<IReadOnlyList<Fund>> ListFundsAsync(CancellationToken cancellationToken) => Task.FromResult(Funds);

    public Task<Fund?> FindFundAsync(string fundId, CancellationToken cancellationToken) =>
        Task.FromResult(Funds.FirstOrDefault(f => f.Id == fundId));

    public Task<FileNumber> NextFileNumberAsync(string fundId, int budgetYear, CancellationToken cancellationToken)
    {
        var fund = Funds.First(f => f.Id == fundId);
        var next = sequences.AddOrUpdate((fundId, budgetYear), 1, (_, n) => n + 1);
        return Task.FromResult(new FileNumber(fund.FileNumberPrefix, budgetYear, next));
    }

    public async Task<IReadOnlyList<ApplicationSummary>> ListApplicationsAsync(ApplicationFilter filter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        var all = await AllAsync(cancellationToken);
        return [.. all
            .Where(a => filter.ApplicantSubject is null || a.ApplicantSubject == filter.ApplicantSubject)
            .Where(a => filter.FundId is null || a.FundId == filter.FundId)
            .Where(a => filter.BudgetYear is null || a.BudgetYear == filter.BudgetYear)
            .Where(a => filter.Status is null || a.Status == filter.Status)
            .OrderByDescending(a => a.SubmittedAt)
            .Skip(filter.Skip)
            .Take(filter.Take)];
    }

    public async Task<ApplicationSummary?> FindApplicationAsync(string applicationId, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IWorkflowStore>();
        var found = await store.ListInstancesAsync(new InstanceQuery(CorrelationId: applicationId, PageSize: 1), cancellationToken);
        return found.Items.Count == 0 ? null : await SummaryAsync(store, found.Items[0].Id, cancellationToken);
    }

    public async Task<FundBudgetStatus?> GetBudgetAsync(string fundId, int year, CancellationToken cancellationToken)
    {
        if (Funds.FirstOrDefault(f => f.Id == fundId)?.BudgetFor(year) is not { } budget)
        {
            return null;
        }

        var committed = (await AllAsync(cancellationToken)).Where(a => a.FundId == fundId && a.BudgetYear == year).Sum(a => a.GrantedAmount ?? 0m);
        return new FundBudgetStatus(fundId, year, budget.Amount.Euros, committed, 0m, 0m, 0m);
    }

    private async Task<List<ApplicationSummary>> AllAsync(CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<IWorkflowStore>();
        var result = new List<ApplicationSummary>();
        for (var page = 0; ; page++)
        {
            var instances = await store.ListInstancesAsync(new InstanceQuery(Page: page, PageSize: 200), cancellationToken);
            foreach (var instance in instances.Items.Where(i => i.CorrelationId is not null))
            {
                if (await SummaryAsync(store, instance.Id, cancellationToken) is { } summary)
                {
                    result.Add(summary);
                }
            }

            if (instances.Items.Count < 200)
            {
                return result;
            }
        }
    }

    private async Task<ApplicationSummary?> SummaryAsync(IWorkflowStore store, string instanceId, CancellationToken cancellationToken)
    {
        var details = await store.GetInstanceDetailsAsync(instanceId, cancellationToken);
        if (details?.Instance.State.Variables[FundingVariables.Application] is null)
        {
            return null;
        }

        var file = new CaseFile(details);
        var application = file.Application;
        var decision = file.Read<DecisionState>(FundingVariables.Decision);
        return new ApplicationSummary
        {
            ApplicationId = application.ApplicationId,
            FileNumber = application.FileNumber,
            FundId = file.Fund?.Id ?? "",
            BudgetYear = application.BudgetYear,
            Title = application.Title,
            ApplicantSubject = application.ApplicantSubject ?? "",
            ApplicantName = application.ApplicantName,
            Status = CaseStatus.Of(file, clock.GetUtcNow()),
            RequestedAmount = application.RequestedAmount,
            GrantedAmount = decision?.Outcome == "Approved" ? decision.Amount : null,
            WorkflowInstanceId = details.Instance.Id,
            SubmittedAt = details.Instance.CreatedAt,
            UpdatedAt = details.Instance.UpdatedAt,
        };
    }
}
