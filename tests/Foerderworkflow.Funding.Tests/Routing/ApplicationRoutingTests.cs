using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Routing;

namespace Foerderworkflow.Funding.Tests.Routing;

public sealed class ApplicationRoutingTests
{
    [Theory]
    [InlineData(500, DecisionRoute.OfficeAndCoordinationOffice)]
    [InlineData(500.01, DecisionRoute.Committee)]
    [InlineData(3_500, DecisionRoute.Committee)]
    public void RouteFor_ActionFund_SmallProjectsSkipTheCommittee(double requested, DecisionRoute expected) =>
        Assert.Equal(expected, ApplicationRouting.RouteFor(DemoFunds.ActionFund(2026), Money.FromEuros((decimal)requested)));

    [Fact]
    public void RouteFor_YouthFundAboveThreshold_GoesToYouthForum() =>
        Assert.Equal(DecisionRoute.YouthForum, ApplicationRouting.RouteFor(DemoFunds.YouthFund(2026), Money.FromEuros(800m)));
}
