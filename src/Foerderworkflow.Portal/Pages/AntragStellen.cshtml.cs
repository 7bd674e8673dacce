using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Registry;
using Foerderworkflow.Portal.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages;

/// <summary>
/// The application form (<c>/antrag-stellen?fonds=…</c>): organisation and contact, project, period, target groups,
/// the cost and financing plan with live sums, consent. The intake's checks are the truth; its errors land at the fields.
/// </summary>
public sealed class AntragStellenModel(IFundingRegistry registry, ApplicationIntake intake, TimeProvider clock) : PageModel
{
    public static readonly IReadOnlyList<string> TargetGroupChoices =
        ["Kinder", "Jugendliche", "Junge Erwachsene", "Familien", "Senioren", "Menschen mit Einwanderungsgeschichte", "Menschen mit Behinderung", "Fachkräfte", "Allgemeine Öffentlichkeit"];

    public static readonly IReadOnlyList<string> FieldsOfAction =
        ["Demokratieförderung", "Vielfaltgestaltung", "Extremismusprävention", "Politische Bildung", "Teilhabe und Engagement"];

    public static readonly IReadOnlyList<FormField> Sections =
    [
        new("applicant.organisation", "Name des Vereins oder der Initiative", FieldKind.Text, Required: true),
        new("applicant.contactName", "Ansprechperson", FieldKind.Text, Required: true),
        new("applicant.email", "E-Mail-Adresse", FieldKind.Text, Required: true, Hint: "An diese Adresse schicken wir alle Nachrichten zum Antrag."),
        new("applicant.phone", "Telefon", FieldKind.Text),
        new("applicant.iban", "IBAN des Vereinskontos", FieldKind.Text, Required: true, Hint: "Zum Beispiel DE89 3704 0044 0532 0130 00."),
        new("applicant.accountHolder", "Kontoinhaber, falls abweichend", FieldKind.Text),
        new("title", "Titel des Projekts", FieldKind.Text, Required: true),
        new("description", "Beschreibung des Projekts", FieldKind.MultiLine, Required: true, Hint: "Was haben Sie vor, mit wem, und was soll es bewirken?"),
        new("fieldOfAction", "Handlungsfeld", FieldKind.Choice, Required: true) { Options = [.. FieldsOfAction.Select(f => new ChoiceOption(f, f))] },
        new("targetGroups", "Zielgruppen", FieldKind.Checkboxes, Required: true) { Options = [.. TargetGroupChoices.Select(t => new ChoiceOption(t, t))] },
        new("plannedParticipants", "Erwartete Teilnehmende", FieldKind.Number, Required: true),
        new("period.start", "Projektbeginn", FieldKind.Date, Required: true),
        new("period.end", "Projektende", FieldKind.Date, Required: true),
        new("costPlan", "Kosten- und Finanzierungsplan", FieldKind.CostPlan, Required: true,
            Hint: "Je Zeile eine Ausgabe. Der beantragte Betrag ergibt sich aus den Gesamtkosten abzüglich Eigen- und Drittmitteln."),
    ];

    [BindProperty(SupportsGet = true, Name = "fonds")]
    public string? FundId { get; set; }

    [BindProperty]
    public string FormKey { get; set; } = "";

    public Fund? Fund { get; private set; }

    public int Year { get; private set; }

    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        FormKey = Guid.NewGuid().ToString("N");
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        if (await LoadAsync(cancellationToken) is { } refused)
        {
            return refused;
        }

        Values = Request.Form.Keys.ToDictionary(k => k, k => Request.Form[k].ToString(), StringComparer.Ordinal);
        var body = FormReader.Read(Request.Form, Sections, ModelState);
        body["fundId"] = Fund!.Id;
        body["budgetYear"] = Year;
        body["costPlan"] = CostPlanBody.WithRequestedAmount(new JsonObject { ["costPlan"] = body["costPlan"]?.DeepClone() })["costPlan"]?.DeepClone();
        if (Request.Form["consentPrivacy"] != "ja")
        {
            ModelState.AddModelError("consentPrivacy", "Bitte bestätigen Sie, dass Sie die Datenschutzhinweise gelesen haben.");
        }

        if (Request.Form["consentElectronic"] != "ja")
        {
            ModelState.AddModelError("consentElectronic", "Bitte willigen Sie in die elektronische Bekanntgabe ein, damit wir Ihnen Bescheide im Portal bereitstellen können.");
        }

        if (!ModelState.IsValid)
        {
            return Page();
        }

        IResult result;
        try
        {
            result = await intake.SubmitAsync(body.Deserialize<SubmitApplicationRequest>(JsonSerializerOptions.Web)!, Caller.From(User), FormKey, cancellationToken);
        }
        catch (JsonException)
        {
            ModelState.AddModelError("plannedParticipants", "Erwartete Teilnehmende: Bitte eine ganze Zahl angeben.");
            return Page();
        }

        if (FormReader.TakeProblem(result, ModelState))
        {
            return Page();
        }

        var created = (result as Created<ApplicationResponse>)?.Value;
        TempData["Erledigt"] = $"Ihr Antrag ist eingegangen. Aktenzeichen: {created?.FileNumber}. Eine Eingangsbestätigung ist per E-Mail unterwegs.";
        return Redirect(created is null ? "/antraege" : $"/antraege/{Uri.EscapeDataString(created.ApplicationId)}");
    }

    private async Task<IActionResult?> LoadAsync(CancellationToken cancellationToken)
    {
        Year = FundingTime.Day(clock.GetUtcNow()).Year;
        Fund = FundId is { Length: > 0 and <= 100 } id ? await registry.FindFundAsync(id, cancellationToken) : null;
        return Fund is null ? Redirect("/") : null;
    }
}
