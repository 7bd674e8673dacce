using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Funding.Routing;

/// <summary>Routes an application by its requested amount: small projects to office and KuF, others to the fund's deciding body.</summary>
public static class ApplicationRouting
{
    public static DecisionRoute RouteFor(Fund fund, Money requested)
    {
        ArgumentNullException.ThrowIfNull(fund);
        if (fund.IsSmallProject(requested))
        {
            return DecisionRoute.OfficeAndCoordinationOffice;
        }

        return fund.DecidingBody == DecidingBody.YouthForum ? DecisionRoute.YouthForum : DecisionRoute.Committee;
    }
}
