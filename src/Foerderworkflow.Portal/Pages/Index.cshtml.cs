using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Registry;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages;

/// <summary>The front page: the open funds, with what they fund, the cap, the own share and the deadlines.</summary>
public sealed class IndexModel(IFundingRegistry registry, TimeProvider clock) : PageModel
{
    public IReadOnlyList<FundCard> Funds { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var year = FundingTime.Day(clock.GetUtcNow()).Year;
        Funds = [.. (await registry.ListFundsAsync(cancellationToken))
            .Where(f => f.BudgetFor(year) is not null)
            .OrderBy(f => f.Name, StringComparer.CurrentCulture)
            .Select(f => FundCard.Of(f, year))];
    }
}

/// <summary>One fund as the front page shows it.</summary>
public sealed record FundCard(string Id, string Name, string WhatIsFunded, string DecidedBy, decimal Cap, decimal MinimumOwnShare, DateOnly LatestProjectEnd, string ProofOfUse, int Year)
{
    public static FundCard Of(Fund fund, int year) => new(
        fund.Id,
        fund.Name,
        fund.Kind == FundKind.YouthFund
            ? "Projekte von jungen Menschen für junge Menschen, über die das Jugendforum entscheidet."
            : "Kleine Projekte lokaler Initiativen und Vereine für Demokratie, Vielfalt und gegen Extremismus.",
        fund.DecidingBody == DecidingBody.YouthForum ? "Jugendforum" : "Begleitausschuss",
        fund.CapPerProject.Euros,
        fund.MinimumOwnShare,
        fund.LatestProjectEndIn(year),
        fund.ProofOfUsePeriod.ToString(),
        year);
}
