using System.Text.Json;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Committee;
using Foerderworkflow.Portal.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages.Antraege;

/// <summary>
/// One action on a case (<c>/antraege/{id}/{aktion}</c>): the form of the step the case waits for, for the role that
/// does it. The post goes to the same application service as the API's action; its refusal comes back at the fields.
/// </summary>
public sealed class AktionModel(ApplicationDesk desk, StepDesk steps, CommitteeDesk committee, CommitteeRosters rosters) : PageModel
{
    private OpenTask? openTask;

    public ApplicationResponse Case { get; private set; } = null!;

    public PortalAction Action { get; private set; } = null!;

    public ActionForm Form { get; private set; } = null!;

    public IReadOnlyList<FormField> Fields { get; private set; } = [];

    /// <summary>A retry key per rendered form: a double click or a resent post completes the step once.</summary>
    [BindProperty]
    public string FormKey { get; set; } = "";

    public decimal? RemainingBudget { get; private set; }

    public CollectedVotes? Tally { get; private set; }

    public IReadOnlyList<CaseCostLine> CurrentCostLines { get; private set; } = [];

    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(string id, string aktion, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, aktion, cancellationToken) is { } refused)
        {
            return refused;
        }

        FormKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string aktion, CancellationToken cancellationToken)
    {
        if (await LoadAsync(id, aktion, cancellationToken) is { } refused)
        {
            return refused;
        }

        Values = Request.Form.Keys.ToDictionary(k => k, k => Request.Form[k].ToString(), StringComparer.Ordinal);
        var body = FormReader.Read(Request.Form, Fields, ModelState);
        foreach (var field in Fields.Where(f => f.Required && f.Kind is not (FieldKind.CostPlan or FieldKind.CostLines) && !body.ContainsKey(f.Name) && ModelState[f.Name] is null))
        {
            ModelState.AddModelError(field.Name, $"{field.Label}: Angabe fehlt.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        IResult result;
        try
        {
            result = await Form.Submit(new ActionRequest(HttpContext.RequestServices, Case.ApplicationId, openTask!, body, Caller.From(User), FormKey, cancellationToken));
        }
        catch (JsonException)
        {
            ModelState.AddModelError(string.Empty, "Das Formular konnte nicht gelesen werden. Bitte prüfen Sie Ihre Angaben.");
            return Page();
        }

        if (FormReader.TakeProblem(result, ModelState))
        {
            return Page();
        }

        TempData["Erledigt"] = $"Erledigt: {Action.Label}.";
        return Redirect($"/antraege/{Uri.EscapeDataString(Case.ApplicationId)}");
    }

    private async Task<IActionResult?> LoadAsync(string id, string aktion, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (PortalAction.Find(aktion) is not { } action || ActionForms.For(aktion) is not { } form || await desk.FindAsync(id, caller, cancellationToken) is not { } file)
        {
            return NotFound();
        }

        Action = action;
        Form = form;
        Case = ApplicationResponse.From(file, desk.Now, caller);
        openTask = file.OpenTasks.FirstOrDefault(t => PortalAction.For(NextTask.From(t, file)).Any(a => a.Slug == action.Slug));
        if (openTask is not null)
        {
            // The role that may act is the task's (the definition assigns it), not a fixed one per form.
            Action = PortalAction.For(NextTask.From(openTask, file)).First(a => a.Slug == action.Slug);
        }

        if (!caller.HasRole(Action.Role))
        {
            return Forbid();
        }

        if (openTask is null)
        {
            TempData["Hinweis"] = $"„{action.Label}“ steht bei diesem Antrag gerade nicht an. {Case.NextStep.Text}";
            return Redirect($"/antraege/{Uri.EscapeDataString(file.Application.ApplicationId)}");
        }

        Fields = form.Fields;
        CurrentCostLines = file.Application.CostLines ?? [];
        if (action.Slug == "entscheidung")
        {
            RemainingBudget = await steps.RemainingBudgetAsync(file, cancellationToken);
        }

        if (action.Slug == "abstimmung-abschliessen")
        {
            Tally = await committee.ReadSheetAsync(file, cancellationToken);
            var body = file.Read<RoutingState>(FundingVariables.Routing)?.Body ?? "Begleitausschuss";
            Fields = [.. form.Fields.Select(f => f.Name == "present"
                ? f with { Options = [.. rosters.For(body).Members.SelectMany(m => m.Deputy is { } d ? new[] { new ChoiceOption(m.Id, m.Name), new ChoiceOption(d.Id, $"{d.Name} (Vertretung)") } : [new ChoiceOption(m.Id, m.Name)])] }
                : f)];
        }

        return null;
    }
}
