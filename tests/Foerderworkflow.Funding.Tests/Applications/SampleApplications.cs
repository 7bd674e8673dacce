using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Applications;

namespace Foerderworkflow.Funding.Tests.Applications;

/// <summary>A valid application for the demo action fund of 2026: 2,000 € costs, 200 € own funds, 1,800 € requested.</summary>
internal static class SampleApplications
{
    public static CostAndFinancingPlan Plan(decimal own = 200m, decimal thirdParty = 0m, decimal requested = 1_800m, params decimal[] lines) => new()
    {
        Lines = lines.Length == 0
            ? [new CostLine("Honorar Referentin", Money.FromEuros(1_200m)), new CostLine("Raummiete", Money.FromEuros(500m)), new CostLine("Öffentlichkeitsarbeit", Money.FromEuros(300m))]
            : [.. lines.Select((amount, i) => new CostLine($"Position {i + 1}", Money.FromEuros(amount)))],
        OwnFunds = Money.FromEuros(own),
        ThirdPartyFunds = Money.FromEuros(thirdParty),
        RequestedAmount = Money.FromEuros(requested),
    };

    public static ApplicationForm Form() => new()
    {
        BudgetYear = 2026,
        Applicant = new Applicant
        {
            Organisation = "Nachbarschaftsverein Herten-Süd e. V.",
            ContactName = "Aylin Demir",
            Email = "kontakt@nachbarschaft-herten.de",
            Iban = "DE89 3704 0044 0532 0130 00",
        },
        Title = "Demokratie-Werkstatt im Quartier",
        Description = "Drei Workshops zu Beteiligung im Stadtteil.",
        FieldOfAction = "Demokratieförderung",
        TargetGroups = ["Jugendliche", "Nachbarschaft"],
        PlannedParticipants = 40,
        Period = new ProjectPeriod(new DateOnly(2026, 5, 1), new DateOnly(2026, 9, 30)),
        CostPlan = Plan(),
    };
}
