using Foerderworkflow.Funding.Activities;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages.Antraege;

/// <summary>
/// The status page every e-mail links to (<c>/antraege/{id}</c>): where the case stands, what happens next and by when,
/// its history, and exactly the actions it waits for from the person reading. Someone else's case is "not found".
/// </summary>
public sealed class StatusModel(ApplicationDesk desk) : PageModel
{
    public ApplicationResponse Case { get; private set; } = null!;

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>The open steps the reader can do here, with the page that does each.</summary>
    public IReadOnlyList<(NextTask Task, PortalAction Action)> MyActions { get; private set; } = [];

    public IReadOnlyList<NextTask> OthersTasks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (await desk.FindAsync(id, caller, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        Case = ApplicationResponse.From(file, desk.Now, caller);
        Timeline = CaseTimeline.Of(file, caller);
        var mine = new List<(NextTask, PortalAction)>();
        var others = new List<NextTask>();
        foreach (var task in Case.NextStep.Tasks)
        {
            var actions = PortalAction.For(task).Where(a => caller.HasRole(a.Role)).ToList();
            if (actions.Count == 0)
            {
                others.Add(task);
            }

            mine.AddRange(actions.Select(a => (task, a)));
        }

        MyActions = mine;
        OthersTasks = others;
        return Page();
    }

    public string? DecisionText => Case.Decision switch
    {
        null => null,
        { Outcome: "Approved", Amount: { } amount } => $"Bewilligt: {PortalFormat.Euro(amount)}",
        { Outcome: "Approved" } => "Bewilligt",
        _ => "Abgelehnt",
    };

    public static string ResolutionText(ResolutionView resolution) => resolution.Outcome switch
    {
        "Approved" or "Approve" => "Das Gremium hat die Förderung empfohlen",
        "ApprovedWithConditions" => "Das Gremium hat die Förderung mit Auflagen empfohlen",
        "Rejected" or "Reject" => "Das Gremium hat die Förderung nicht empfohlen",
        "Deferred" => "Das Gremium hat die Entscheidung vertagt",
        _ => "Das Gremium hat abgestimmt",
    };

    public static string DecisionOutcomeOf(DecisionState decision) => decision.Outcome;
}
