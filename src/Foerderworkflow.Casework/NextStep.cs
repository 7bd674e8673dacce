using Foerderworkflow.Funding.Wording;
using System.Globalization;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Funding.Activities;

namespace Foerderworkflow.Casework;

/// <summary>What happens next in a case, in German: who must do what by when, and the API action that does it.</summary>
public sealed record NextStep(string Text, IReadOnlyList<NextTask> Tasks)
{

    public static NextStep Of(CaseFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (file.Instance.Status == WorkflowStatus.Faulted)
        {
            return new NextStep("Bei der Bearbeitung ist ein technischer Fehler aufgetreten; die Administration kümmert sich darum.", []);
        }

        if (file.Instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled)
        {
            return new NextStep("Das Verfahren ist abgeschlossen; es ist nichts mehr zu tun.", []);
        }

        var tasks = file.OpenTasks.Select(t => NextTask.From(t, file)).OrderBy(t => t.Optional).ToList();
        var due = tasks.Where(t => !t.Optional).ToList();
        return due.Count == 0
            ? new NextStep("Der Antrag wird bearbeitet.", tasks)
            : new NextStep(string.Join(" ", due.Select(t => t.Text)), tasks);
    }

    /// <summary>German local time, as <see cref="German.Moment"/> writes it.</summary>
    public static string Moment(DateTimeOffset moment) => German.Moment(moment);

    public static string Who(string role) => role switch
    {
        Roles.Applicant => "Der Antragsteller",
        Roles.CoordinationOffice => "Die Koordinierungs- und Fachstelle (KuF)",
        Roles.LeadOffice => "Das federführende Amt",
        Roles.CommitteeMember => "Das Gremium",
        Roles.Admin => "Die Administration",
        _ => $"Die Rolle '{role}'",
    };
}

/// <summary>
/// One open step: its title, who is responsible, the due moment and the action paths that complete it (<c>action</c>
/// is the first); <c>optional</c> marks a step open beside the main path, such as withdrawing before the first payout.
/// </summary>
public sealed record NextTask(string TaskId, string Step, string Title, string AssigneeRole, DateTimeOffset? DueAt, string? Action, IReadOnlyList<string> Actions, bool Optional, string Text)
{
    public static NextTask From(OpenTask task, CaseFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        IReadOnlyList<string> actions = [.. FundingSteps.ActionsOf(task).Select(a => $"/api/applications/{task.ApplicationId}/{a}")];
        string text;
        if (task.Step == FundingSteps.CommitteeVote)
        {
            var routing = file.Read<RoutingState>(FundingVariables.Routing);
            var when = routing?.ClosingAt is { } closing ? $" im Umlaufverfahren bis {NextStep.Moment(closing)}"
                : routing?.MeetingAt is { } meeting ? $" in der Sitzung am {NextStep.Moment(meeting)}" : "";
            text = $"{German.TheBodyCapitalized(routing?.Body ?? "Begleitausschuss")} stimmt{when} über den Antrag ab; danach schließt die KuF die Abstimmung.";
        }
        else
        {
            var due = task.DueAt is { } at ? $" (bis {NextStep.Moment(at)})" : "";
            text = $"{NextStep.Who(task.AssigneeRole)}: {task.Title}{due}.";
        }

        return new NextTask(task.TaskId, task.Step, task.Title, task.AssigneeRole, task.DueAt, actions.Count > 0 ? actions[0] : null, actions, FundingSteps.IsOption(task.Step), text);
    }
}
