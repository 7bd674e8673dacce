using Foerderworkflow.Casework;

namespace Foerderworkflow.Portal;

/// <summary>
/// An action the portal offers on a case: the page (<c>/antraege/{id}/{slug}</c>), its German label, the role that may
/// do it and the API action of the same step (<see cref="FundingSteps.ActionsOf"/>) it completes.
/// </summary>
public sealed record PortalAction(string Slug, string Label, string Role, string ApiAction)
{
    public static readonly IReadOnlyList<PortalAction> All =
    [
        new("formale-pruefung", "Formale Prüfung durchführen", Roles.CoordinationOffice, "formal-review"),
        new("nachreichen", "Nachforderung beantworten", Roles.Applicant, "resubmission"),
        new("zuleitung", "Dem Gremium zuleiten", Roles.CoordinationOffice, "routing"),
        new("abstimmung-abschliessen", "Abstimmung abschließen", Roles.CoordinationOffice, "vote-closing"),
        new("abstimmen", "Abstimmen", Roles.CommitteeMember, "votes"),
        new("entscheidung", "Entscheiden", Roles.LeadOffice, "decision"),
        new("annahme", "Zuwendung annehmen", Roles.Applicant, "grant-acceptance"),
        new("mittelabruf", "Mittel abrufen", Roles.Applicant, "payout-requests"),
        new("aenderung", "Änderung beantragen", Roles.Applicant, "change-requests"),
        new("projektende", "Projektende melden", Roles.Applicant, "project-end"),
        new("verwendungsnachweis", "Verwendungsnachweis einreichen", Roles.Applicant, "proof-of-use"),
        new("nachweispruefung", "Verwendungsnachweis prüfen", Roles.LeadOffice, "proof-of-use-review"),
        new("aenderungspruefung", "Über die Änderung entscheiden", Roles.LeadOffice, "change-review"),
        new("rueckzug", "Antrag zurückziehen", Roles.Applicant, "withdrawal"),
        new("rueckzahlung", "Rückzahlung erfassen", Roles.LeadOffice, "repayments"),
        new("abrufpruefung", "Mittelabruf prüfen", Roles.LeadOffice, "payouts/approval"),
    ];

    /// <summary>The actions that complete <paramref name="task"/>; a committee vote is closed by the KuF and voted on by members.</summary>
    public static IEnumerable<PortalAction> For(NextTask task)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.Step == FundingSteps.CommitteeVote)
        {
            return All.Where(a => a.ApiAction is "votes" or "vote-closing");
        }

        // A staff step is done by the role its definition assigns (the designer's "Rolle"), as the application desk checks.
        return task.Actions.Select(path => path[(path.IndexOf("/api/applications/", StringComparison.Ordinal) + "/api/applications/".Length)..])
            .Select(relative => relative[(relative.IndexOf('/', StringComparison.Ordinal) + 1)..])
            .Select(action => action.StartsWith("payouts/", StringComparison.Ordinal) ? "payouts/approval" : action)
            .SelectMany(action => All.Where(a => a.ApiAction == action))
            .Select(a => a.Role is Roles.CoordinationOffice or Roles.LeadOffice && task.AssigneeRole is Roles.CoordinationOffice or Roles.LeadOffice ? a with { Role = task.AssigneeRole } : a);
    }

    public static PortalAction? Find(string slug) => All.FirstOrDefault(a => a.Slug == slug);
}
