using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Applications;

/// <summary>
/// Kosten- und Finanzierungsplan. The grant fills the gap (Fehlbedarfsfinanzierung):
/// requested amount = total costs − own funds − third-party funds.
/// </summary>
public sealed record CostAndFinancingPlan
{
    public required IReadOnlyList<CostLine> Lines { get; init; }

    public Money OwnFunds { get; init; }

    public Money ThirdPartyFunds { get; init; }

    public Money RequestedAmount { get; init; }

    public Money TotalCosts => Money.Sum(Lines.Select(l => l.Amount));

    /// <summary>What is left to finance after own and third-party funds; the requested amount must equal it.</summary>
    public Money FundingGap => TotalCosts - OwnFunds - ThirdPartyFunds;

    /// <summary>Own funds as a share of the total costs (0.1 = 10 %).</summary>
    public decimal OwnShare => OwnFunds.ShareOf(TotalCosts);
}
