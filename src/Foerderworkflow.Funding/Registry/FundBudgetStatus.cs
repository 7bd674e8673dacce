namespace Foerderworkflow.Funding.Registry;

/// <summary>A fund's budget year as the office sees it: what is committed, paid and still available.</summary>
public sealed record FundBudgetStatus(string FundId, int Year, decimal Budget, decimal Committed, decimal Released, decimal Returned, decimal Paid)
{
    public decimal Available => Budget - Committed + Released + Returned;
}
