using Foerderworkflow.Funding.Funds;
using Microsoft.AspNetCore.Mvc;

namespace Foerderworkflow.Casework;

public sealed record FundResponse(string Id, string Name, string Kind, string DecidingBody, decimal CapPerProject, decimal SmallProjectThreshold, decimal MinimumOwnShare, IReadOnlyList<int> BudgetYears, string? CostCentre)
{
    public static FundResponse From(Fund fund) => new(
        fund.Id, fund.Name, fund.Kind.ToString(), fund.DecidingBody.ToString(), fund.CapPerProject.Euros, fund.SmallProjectThreshold.Euros,
        fund.MinimumOwnShare, [.. fund.Budgets.Select(b => b.Year)], fund.CostCentre);
}

public sealed record BudgetResponse(string FundId, int Year, decimal Budget, decimal Committed, decimal Released, decimal Returned, decimal Paid, decimal Available);
