using System.Globalization;
using Foerderworkflow.Contracts;
using Foerderworkflow.Funding.Activities;

namespace Foerderworkflow.Funding.Reminders;

/// <summary>The e-mail a rung sends to the applicant: a template of the notification worker and its values in machine formats.</summary>
public static class ReminderEmail
{
    public static SendEmail Compose(ApplicationCase application, FundSettings fund, string template, IReadOnlyDictionary<string, string> values, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(fund);
        ArgumentNullException.ThrowIfNull(values);
        var all = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [EmailFields.Aktenzeichen] = application.FileNumber,
            [EmailFields.Foerderprogramm] = fund.Name,
            [EmailFields.Projekttitel] = application.Title,
        };
        foreach (var (key, value) in values)
        {
            all[key] = value;
        }

        return new SendEmail
        {
            ApplicationId = application.ApplicationId,
            Fund = fund.Id,
            BudgetYear = application.BudgetYear,
            RequestedAt = now,
            To = application.ApplicantEmail,
            Template = template,
            Values = all,
        };
    }

    /// <summary>
    /// A dunning e-mail names the last day before the office takes over (<see cref="EmailFields.NeueFrist"/>); the
    /// escalating rung's own e-mail, any other rung's, and one of a ladder without escalation stay as they are.
    /// </summary>
    public static SendEmail WithNewDeadline(SendEmail email, ReminderRung rung, ReminderLadder ladder, DateOnly dueDay)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(rung);
        ArgumentNullException.ThrowIfNull(ladder);
        return rung.Kind == ReminderKind.Dunning && !rung.Escalates && ladder.LastDayBeforeEscalation(dueDay) is { } lastDay
            ? email with { Values = new Dictionary<string, string>(email.Values, StringComparer.Ordinal) { [EmailFields.NeueFrist] = Day(lastDay) } }
            : email;
    }

    /// <summary>A day as <see cref="EmailFields"/> expects it: ISO <c>yyyy-MM-dd</c>.</summary>
    public static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
