namespace Foerderworkflow.Funding.Funds;

/// <summary>The unit of a fund's configured period.</summary>
public enum FundPeriodUnit
{
    Weeks = 1,
    Months,
}
