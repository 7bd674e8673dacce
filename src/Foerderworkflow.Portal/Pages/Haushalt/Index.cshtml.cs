using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Registry;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages.Haushalt;

/// <summary>The budget per fund and year for the KuF and the office: committed, paid, returned, available, as figures and bars.</summary>
public sealed class IndexModel(IFundingRegistry registry, TimeProvider clock) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "jahr")]
    public int? Year { get; set; }

    public int ShownYear { get; private set; }

    public IReadOnlyList<(string Name, FundBudgetStatus Status)> Budgets { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        ShownYear = Year is >= 2000 and <= 2100 ? Year.Value : FundingTime.Day(clock.GetUtcNow()).Year;
        var budgets = new List<(string, FundBudgetStatus)>();
        foreach (var fund in await registry.ListFundsAsync(cancellationToken))
        {
            if (await registry.GetBudgetAsync(fund.Id, ShownYear, cancellationToken) is { } status)
            {
                budgets.Add((fund.Name, status));
            }
        }

        Budgets = budgets;
    }

    /// <summary>A bar's width in per cent of the budget (0–100), for the chart.</summary>
    public static int Share(decimal part, decimal whole) => whole <= 0 ? 0 : (int)Math.Clamp(Math.Round(part / whole * 100m), 0, 100);
}
