using System.Globalization;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Applications;

/// <summary>
/// Checks an application against its fund: applicant and IBAN, texts and their lengths, the project period and the
/// cost and financing plan. Returns every broken rule at once, each naming its field; an empty list means valid.
/// </summary>
public static class ApplicationValidator
{
    /// <param name="form">The application.</param>
    /// <param name="fund">The fund applied to.</param>
    /// <param name="earliestStart">The first day the project may start: the submission day at submission, the approval day at approval.</param>
    public static IReadOnlyList<ValidationError> Validate(ApplicationForm form, Fund fund, DateOnly earliestStart)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(fund);
        var errors = new ErrorCollector();
        ValidateApplicant(errors, form.Applicant);

        errors.Text("title", form.Title, ApplicationLimits.TitleLength, "Der Projekttitel");
        errors.Text("description", form.Description, ApplicationLimits.DescriptionLength, "Die Projektbeschreibung", multiLine: true);
        errors.Text("fieldOfAction", form.FieldOfAction, ApplicationLimits.FieldOfActionLength, "Das Handlungsfeld");
        var groups = form.TargetGroups ?? [];
        if (groups.Count == 0)
        {
            errors.Add("targetGroups", "Bitte mindestens eine Zielgruppe angeben.");
        }
        else if (groups.Count > ApplicationLimits.TargetGroupCount)
        {
            errors.Add("targetGroups", $"Höchstens {ApplicationLimits.TargetGroupCount} Zielgruppen angeben.");
        }

        for (var i = 0; i < groups.Count; i++)
        {
            errors.Text($"targetGroups[{i}]", groups[i], ApplicationLimits.TargetGroupLength, "Die Zielgruppe");
        }

        if (form.PlannedParticipants is < 1 or > ApplicationLimits.MaxPlannedParticipants)
        {
            errors.Add("plannedParticipants", $"Die geplante Zahl der Teilnehmenden muss zwischen 1 und {ApplicationLimits.MaxPlannedParticipants} liegen.");
        }

        if (fund.BudgetFor(form.BudgetYear) is null)
        {
            // The period rules compute days in the budget year; without one of the fund's years there is nothing to compare with.
            errors.Add("budgetYear", $"Der Fonds hat für das Haushaltsjahr {form.BudgetYear} kein Budget.");
        }
        else
        {
            errors.AddRange(ValidatePeriod(form.Period, form.BudgetYear, fund, earliestStart));
        }

        errors.AddRange(CostPlanRules.Validate(form.CostPlan, fund, form.CapExceptionReason));
        return errors.Errors;
    }

    /// <summary>Start not before <paramref name="earliestStart"/>; start and end within the budget year and by the fund's latest project end.</summary>
    public static IReadOnlyList<ValidationError> ValidatePeriod(ProjectPeriod period, int budgetYear, Fund fund, DateOnly earliestStart)
    {
        ArgumentNullException.ThrowIfNull(period);
        ArgumentNullException.ThrowIfNull(fund);
        var errors = new ErrorCollector();
        if (period.Start < earliestStart)
        {
            errors.Add("period.start", $"Das Projekt darf nicht vor der Bewilligung beginnen; frühester Beginn ist der {Day(earliestStart)}.");
        }
        else if (period.Start.Year != budgetYear)
        {
            errors.Add("period.start", $"Das Projekt muss im Haushaltsjahr {budgetYear} beginnen.");
        }

        if (period.End < period.Start)
        {
            errors.Add("period.end", "Das Projektende darf nicht vor dem Projektbeginn liegen.");
        }
        else if (fund.LatestProjectEnd.IsValid && (period.End.Year != budgetYear || period.End > fund.LatestProjectEndIn(budgetYear)))
        {
            errors.Add("period.end", $"Das Projekt muss bis zum {Day(fund.LatestProjectEndIn(budgetYear))} enden (Haushaltsjahr {budgetYear}).");
        }

        return errors.Errors;
    }

    private static void ValidateApplicant(ErrorCollector errors, Applicant? applicant)
    {
        if (applicant is null)
        {
            errors.Add("applicant", "Die Angaben zum Antragsteller fehlen.");
            return;
        }

        errors.Text("applicant.organisation", applicant.Organisation, ApplicationLimits.OrganisationLength, "Der Name des Trägers");
        errors.Text("applicant.contactName", applicant.ContactName, ApplicationLimits.ContactNameLength, "Der Name der Ansprechperson");
        if (errors.Text("applicant.email", applicant.Email, ApplicationLimits.EmailLength, "Die E-Mail-Adresse") && !LooksLikeEmail(applicant.Email))
        {
            errors.Add("applicant.email", "Die E-Mail-Adresse ist ungültig.");
        }

        errors.Text("applicant.phone", applicant.Phone, ApplicationLimits.PhoneLength, "Die Telefonnummer", required: false);
        errors.Text("applicant.accountHolder", applicant.AccountHolder, ApplicationLimits.OrganisationLength, "Der Kontoinhaber", required: false);
        if (!Iban.TryParse(applicant.Iban, out _, out var ibanError))
        {
            errors.Add("applicant.iban", ibanError);
        }

        if (!string.IsNullOrWhiteSpace(applicant.Bic) && Bic.Normalize(applicant.Bic) is null)
        {
            errors.Add("applicant.bic", "Die BIC ist ungültig: 8 oder 11 Zeichen, z. B. COBADEFFXXX.");
        }
    }

    private static bool LooksLikeEmail(string email)
    {
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1
            && !email.Any(char.IsWhiteSpace) && email[(at + 1)..] is var domain && domain.Contains('.', StringComparison.Ordinal)
            && !domain.StartsWith('.') && !domain.EndsWith('.');
    }

    internal static string Day(DateOnly day) => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);
}
