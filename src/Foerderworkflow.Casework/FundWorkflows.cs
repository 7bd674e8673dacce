using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Casework;

/// <summary>
/// Which workflow runs a fund's applications: <c>Funding:Workflows:{fundId}</c> if configured, else the shipped
/// workflow for the fund's kind (youth fund → <c>jugendfonds</c>, otherwise <c>aktions-und-initiativfonds</c>, which
/// routes small projects to office and KuF itself).
/// </summary>
public sealed class FundWorkflows(IConfiguration configuration)
{
    public const string ActionFund = "aktions-und-initiativfonds";
    public const string YouthFund = "jugendfonds";

    public string DefinitionFor(Fund fund)
    {
        ArgumentNullException.ThrowIfNull(fund);
        return configuration[$"Funding:Workflows:{fund.Id}"] is { Length: > 0 } configured
            ? configured
            : fund.Kind == FundKind.YouthFund ? YouthFund : ActionFund;
    }
}
