using Foerderworkflow.Funding.Deadlines;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Decisions;
using Foerderworkflow.Funding.FileNumbers;
using Foerderworkflow.Funding.Reminders;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Funds;

/// <summary>
/// A fund of a partnership and everything about it that differs between partnerships (DOMAIN.md: "make it data, not
/// code"). Defaults follow the common practice; <see cref="Validate"/> checks the limits and is meant to run at
/// start-up or when an administrator saves a fund.
/// </summary>
public sealed record Fund
{
    public const int MaxNameLength = 200;

    /// <summary>Stable key, e.g. <c>herten-aif</c>.</summary>
    public required string Id { get; init; }

    /// <summary>Display name, e.g. "Aktions- und Initiativfonds Herten".</summary>
    public required string Name { get; init; }

    /// <summary>Prefix of the file numbers, e.g. <c>AIF</c> in <c>AIF-2026-0042</c>.</summary>
    public required string FileNumberPrefix { get; init; }

    public FundKind Kind { get; init; } = FundKind.ActionFund;

    public DecidingBody DecidingBody { get; init; } = DecidingBody.Committee;

    /// <summary>The state whose public holidays apply to the fund's deadlines; North Rhine-Westphalia by default.</summary>
    public FederalState FederalState { get; init; } = FederalState.NW;

    /// <summary>One budget per budget year.</summary>
    public IReadOnlyList<FundBudget> Budgets { get; init; } = [];

    /// <summary>The most one project may receive unless an exception is justified in writing.</summary>
    public required Money CapPerProject { get; init; }

    /// <summary>Minimum share of own funds in the total costs, 0.10 = 10 %.</summary>
    public decimal MinimumOwnShare { get; init; } = 0.10m;

    /// <summary>Requested amounts up to this are small projects, decided by the office and the KuF alone.</summary>
    public Money SmallProjectThreshold { get; init; } = Money.FromEuros(500m);

    /// <summary>How long after the project end the proof of use is due.</summary>
    public FundPeriod ProofOfUsePeriod { get; init; } = FundPeriod.Weeks(6);

    /// <summary>A payout covers only what is needed within this horizon (ANBest-P 1.4: six weeks).</summary>
    public FundPeriod PayoutHorizon { get; init; } = FundPeriod.Weeks(6);

    /// <summary>Projects must end by this day of their budget year (31 December; some partnerships 30 November).</summary>
    public MonthDay LatestProjectEnd { get; init; } = MonthDay.EndOfYear;

    /// <summary>
    /// The Haushaltsstelle or cost centre the city books the fund's grants on (e.g. <c>05.03.01 / 53180000</c>), for
    /// the finance events; optional, free text as the city's budget names it.
    /// </summary>
    public string? CostCentre { get; init; }

    /// <summary>When applicants are reminded of their deadlines, per step.</summary>
    public ReminderSettings Reminders { get; init; } = ReminderSettings.Default;

    /// <summary>The authority that issues and signs the fund's Bescheide; null: the documents name none (set it before going live).</summary>
    public IssuingAuthority? Authority { get; init; }

    /// <summary>The remedy the Rechtsbehelfsbelehrung names (Klage in NRW); null: the NRW text without a court.</summary>
    public LegalRemedy? Remedy { get; init; }

    /// <summary>How the fund's Bescheide are made known (§ 41 VwVfG); by default the e-mail with the PDF (electronic, with consent).</summary>
    public NotificationPath NotificationPath { get; init; } = NotificationPath.Electronic;

    /// <summary>
    /// The fund's own wording of document passages, by key (<see cref="Documents.DocumentTexts"/>); a key not given
    /// keeps the default text of the repository.
    /// </summary>
    public IReadOnlyDictionary<string, string> DocumentTexts { get; init; } = new Dictionary<string, string>(StringComparer.Ordinal);

    public FundBudget? BudgetFor(int year) => Budgets.FirstOrDefault(b => b.Year == year);

    public DateOnly LatestProjectEndIn(int year) => LatestProjectEnd.InYear(year);

    /// <summary>Whether an application for <paramref name="requested"/> is a small project routed to office and KuF.</summary>
    public bool IsSmallProject(Money requested) => requested <= SmallProjectThreshold;

    public IReadOnlyList<ValidationError> Validate()
    {
        var errors = new ErrorCollector();
        errors.Text("id", Id, 100, "Die Kennung des Fonds");
        errors.Text("name", Name, MaxNameLength, "Der Name des Fonds");
        if (!FileNumber.IsValidPrefix(FileNumberPrefix))
        {
            errors.Add("fileNumberPrefix", "Das Aktenzeichen-Kürzel muss aus 2 bis 6 Großbuchstaben bestehen (z. B. AIF).");
        }

        if (!Enum.IsDefined(Kind))
        {
            errors.Add("kind", "Unbekannte Fondsart.");
        }

        if (!Enum.IsDefined(DecidingBody))
        {
            errors.Add("decidingBody", "Unbekanntes entscheidendes Gremium.");
        }

        if (!Enum.IsDefined(FederalState))
        {
            errors.Add("federalState", "Unbekanntes Bundesland.");
        }

        errors.Text("costCentre", CostCentre, 100, "Die Haushaltsstelle", required: false);
        if (!CapPerProject.IsPositive)
        {
            errors.Add("capPerProject", "Die Förderhöchstgrenze je Projekt muss größer als 0 € sein.");
        }

        if (MinimumOwnShare is < 0m or >= 1m)
        {
            errors.Add("minimumOwnShare", "Der Mindest-Eigenanteil muss zwischen 0 % und unter 100 % liegen.");
        }

        if (SmallProjectThreshold.IsNegative)
        {
            errors.Add("smallProjectThreshold", "Die Kleinprojekt-Grenze darf nicht negativ sein.");
        }
        else if (CapPerProject.IsPositive && SmallProjectThreshold > CapPerProject)
        {
            errors.Add("smallProjectThreshold", "Die Kleinprojekt-Grenze darf nicht über der Förderhöchstgrenze liegen.");
        }

        CheckPeriod(errors, "proofOfUsePeriod", ProofOfUsePeriod, "Die Frist für den Verwendungsnachweis", maxMonths: 6);
        CheckPeriod(errors, "payoutHorizon", PayoutHorizon, "Der Zeitraum für Mittelabrufe", maxMonths: 3);
        if (!LatestProjectEnd.IsValid)
        {
            errors.Add("latestProjectEnd", "Das späteste Projektende ist kein gültiger Kalendertag.");
        }

        if (Reminders is null)
        {
            errors.Add("reminders", "Die Erinnerungseinstellungen fehlen.");
        }
        else
        {
            errors.AddRange(Reminders.Validate("reminders"));
        }

        if (Authority is { } authority)
        {
            errors.Text("authority.name", authority.Name, 300, "Der Name der Behörde");
            errors.Text("authority.street", authority.Street, 200, "Die Straße der Behörde");
            errors.Text("authority.postalCodeAndCity", authority.PostalCodeAndCity, 200, "Postleitzahl und Ort der Behörde");
            errors.Text("authority.signingOfficer", authority.SigningOfficer, 200, "Die zeichnende Person");
        }

        if (Remedy is { } remedy)
        {
            if (!Enum.IsDefined(remedy.Kind))
            {
                errors.Add("remedy.kind", "Unbekannter Rechtsbehelf (Klage oder Widerspruch).");
            }

            errors.Text("remedy.body", remedy.Body, 300, "Die Stelle, bei der der Rechtsbehelf einzulegen ist,");
            errors.Text("remedy.bodyAddress", remedy.BodyAddress, 300, "Die Anschrift dieser Stelle");
            errors.Text("remedy.electronicForms", remedy.ElectronicForms, 1_000, "Die zugelassene elektronische Form", required: false);
            if (remedy.PeriodMonths is < 1 or > 12)
            {
                errors.Add("remedy.periodMonths", "Die Rechtsbehelfsfrist muss zwischen 1 und 12 Monaten liegen.");
            }
        }

        if (!Enum.IsDefined(NotificationPath))
        {
            errors.Add("notificationPath", "Unbekannter Weg der Bekanntgabe (Post, Electronic oder PortalRetrieval).");
        }

        errors.AddRange(Documents.DocumentTexts.Validate(DocumentTexts, "documentTexts"));
        CheckBudgets(errors);
        return errors.Errors;
    }

    /// <summary>Throws <see cref="FundingRuleViolationException"/> with every broken limit; returns the fund otherwise.</summary>
    public Fund EnsureValid()
    {
        var errors = Validate();
        return errors.Count > 0 ? throw new FundingRuleViolationException(errors) : this;
    }

    private static void CheckPeriod(ErrorCollector errors, string field, FundPeriod period, string label, int maxMonths)
    {
        var months = period.Unit == FundPeriodUnit.Months ? period.Count : period.Count * 7 / 30.0;
        if (!Enum.IsDefined(period.Unit) || period.Count < 1 || months > maxMonths)
        {
            errors.Add(field, $"{label} muss mindestens 1 Woche und höchstens {maxMonths} Monate betragen.");
        }
    }

    private void CheckBudgets(ErrorCollector errors)
    {
        for (var i = 0; i < Budgets.Count; i++)
        {
            var budget = Budgets[i];
            var field = $"budgets[{i}]";
            if (budget.Year is < 2000 or > 2100)
            {
                errors.Add($"{field}.year", "Das Haushaltsjahr muss zwischen 2000 und 2100 liegen.");
            }

            if (Budgets.Take(i).Any(b => b.Year == budget.Year))
            {
                errors.Add($"{field}.year", $"Für das Haushaltsjahr {budget.Year} gibt es bereits ein Budget.");
            }

            if (budget.Amount.IsNegative)
            {
                errors.Add($"{field}.amount", "Das Budget darf nicht negativ sein.");
            }

            for (var r = 0; r < budget.Rounds.Count; r++)
            {
                var round = budget.Rounds[r];
                errors.Text($"{field}.rounds[{r}].name", round.Name, 100, "Der Name der Runde");
                if (!round.Amount.IsPositive)
                {
                    errors.Add($"{field}.rounds[{r}].amount", "Der Betrag einer Runde muss größer als 0 € sein.");
                }
            }

            if (budget.Rounds.Count > 0 && Money.Sum(budget.Rounds.Select(r => r.Amount)) > budget.Amount)
            {
                errors.Add($"{field}.rounds", $"Die Runden zusammen übersteigen das Jahresbudget von {budget.Amount}.");
            }
        }
    }
}
