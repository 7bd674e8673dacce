using Foerderworkflow.Funding.Deadlines;
using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Funds;

/// <summary>Demo funds of a partnership like Herten (NRW) for the embedded default and for tests.</summary>
public static class DemoFunds
{
    /// <summary>Action fund: 64,000 € a year, 3,500 € per project, 10 % own share, decided by the committee.</summary>
    public static Fund ActionFund(int year) => new()
    {
        Id = "herten-aif",
        Name = "Aktions- und Initiativfonds Herten",
        FileNumberPrefix = "AIF",
        Kind = FundKind.ActionFund,
        DecidingBody = DecidingBody.Committee,
        FederalState = FederalState.NW,
        Budgets = [new FundBudget(year, Money.FromEuros(64_000m))],
        CapPerProject = Money.FromEuros(3_500m),
        MinimumOwnShare = 0.10m,
        CostCentre = "05.03.01 / 53180000",
        Authority = HertenOffice,
        Remedy = LegalRemedy.GelsenkirchenAdministrativeCourt,
    };

    /// <summary>Youth fund: 10,000 € a year, 1,000 € per project, no own share required, decided by the youth forum.</summary>
    public static Fund YouthFund(int year) => new()
    {
        Id = "herten-jf",
        Name = "Jugendfonds Herten",
        FileNumberPrefix = "JF",
        Kind = FundKind.YouthFund,
        DecidingBody = DecidingBody.YouthForum,
        FederalState = FederalState.NW,
        Budgets = [new FundBudget(year, Money.FromEuros(10_000m))],
        CapPerProject = Money.FromEuros(1_000m),
        MinimumOwnShare = 0m,
        CostCentre = "05.03.02 / 53180000",
        SmallProjectThreshold = Money.FromEuros(250m),
        Authority = HertenOffice,
        Remedy = LegalRemedy.GelsenkirchenAdministrativeCourt,
    };

    /// <summary>The office that issues Herten's Bescheide (Herten lies in the district of the Verwaltungsgericht Gelsenkirchen).</summary>
    public static IssuingAuthority HertenOffice { get; } = new(
        "Stadt Herten – Der Bürgermeister – Fachbereich Kinder, Jugend und Familie", "Kurt-Schumacher-Straße 2", "45699 Herten", "Erika Muster");
}
