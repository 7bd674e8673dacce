using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Applications;
using Foerderworkflow.Funding.Persistence;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages.Antraege;

/// <summary>
/// The status page every e-mail links to (<c>/antraege/{id}</c>): where the case stands, what happens next and by when,
/// its history, and exactly the actions it waits for from the person reading. Someone else's case is "not found".
/// </summary>
public sealed class StatusModel(ApplicationDesk desk, AttachmentStore attachments, DocumentStore documents, ApplicantDocuments applicantDocuments) : PageModel
{
    public IReadOnlyList<DocumentInfo> Documents { get; private set; } = [];

    public IReadOnlyList<AttachmentInfo> Attachments { get; private set; } = [];

    public bool MayUpload { get; private set; }

    public ApplicationResponse Case { get; private set; } = null!;

    public IReadOnlyList<TimelineEntry> Timeline { get; private set; } = [];

    /// <summary>The open steps the reader can do here, with the page that does each.</summary>
    public IReadOnlyList<(NextTask Task, PortalAction Action)> MyActions { get; private set; } = [];

    public IReadOnlyList<NextTask> OthersTasks { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    /// <summary>An attachment of the case, as a download (the API's bearer-token route is not the browser's).</summary>
    public async Task<IActionResult> OnGetAnhangAsync(string id, string anhang, CancellationToken cancellationToken)
    {
        if (await desk.FindAsync(id, Caller.From(User), cancellationToken) is null || anhang.Length > 100
            || await attachments.FindAsync(id, anhang, cancellationToken) is not { } found)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        return File(found.Content, found.Info.ContentType, found.Info.FileName);
    }

    /// <summary>
    /// A document the case issued (a Bescheid), as stored. The applicant's download is the retrieval that makes a
    /// document known by portal (§ 41 (2a) VwVfG); staff downloads are not.
    /// </summary>
    public async Task<IActionResult> OnGetDokumentAsync(string id, string dokument, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (await desk.FindAsync(id, caller, cancellationToken) is null || dokument.Length > 200)
        {
            return NotFound();
        }

        if (await applicantDocuments.ReadAsync(id, dokument, caller.SeesOnlyOwnApplications, cancellationToken) is not { } document)
        {
            return NotFound();
        }

        Response.Headers.XContentTypeOptions = "nosniff";
        return File(document.Content, "application/pdf", document.Info.FileName);
    }

    public static string KindText(string kind) =>
        Enum.TryParse<Foerderworkflow.Funding.Documents.DocumentKind>(kind, out var known) && Enum.IsDefined(known) ? Foerderworkflow.Funding.Documents.DocumentNumbers.Title(known) : "Dokument";

    /// <summary>The applicant adds a file (receipts for the proof of use, a signed agreement): checked as the API checks it.</summary>
    public async Task<IActionResult> OnPostUploadAsync(string id, IFormFile? datei, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (!caller.IsApplicant || await desk.FindAsync(id, caller, cancellationToken) is null)
        {
            return NotFound();
        }

        if (datei is null || datei.Length == 0)
        {
            ModelState.AddModelError("datei", "Bitte wählen Sie eine Datei aus.");
        }
        else if (datei.Length > AttachmentRules.MaxBytes)
        {
            var (_, errors) = AttachmentRules.Validate(datei.ContentType, [], datei.Length, existing: 0);
            foreach (var error in errors)
            {
                ModelState.AddModelError("datei", error.Message);
            }
        }
        else
        {
            using var buffer = new MemoryStream((int)datei.Length);
            await datei.CopyToAsync(buffer, cancellationToken);
            try
            {
                await attachments.AddAsync(id, datei.FileName, datei.ContentType, buffer.ToArray(), caller.Subject, cancellationToken);
                TempData["Erledigt"] = $"Die Datei „{Path.GetFileName(datei.FileName)}“ ist hochgeladen.";
                return Redirect($"/antraege/{Uri.EscapeDataString(id)}#anhaenge");
            }
            catch (Foerderworkflow.Funding.Validation.FundingRuleViolationException rejected)
            {
                foreach (var error in rejected.Errors)
                {
                    ModelState.AddModelError("datei", error.Message);
                }
            }
        }

        return await LoadAsync(id, cancellationToken) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (await desk.FindAsync(id, caller, cancellationToken) is not { } file)
        {
            return false;
        }

        Attachments = await attachments.ListAsync(id, cancellationToken);
        Documents = await documents.ListAsync(id, cancellationToken);
        MayUpload = caller.IsApplicant && file.Instance.Status is not (Foerderworkflow.Engine.Runtime.WorkflowStatus.Finished or Foerderworkflow.Engine.Runtime.WorkflowStatus.Cancelled);

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
        return true;
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
        "Recommend" or "Recommended" => "Das Gremium hat die Förderung empfohlen",
        "RecommendWithConditions" or "RecommendedWithConditions" => "Das Gremium hat die Förderung mit Auflagen empfohlen",
        "Reject" or "Rejected" => "Das Gremium hat die Förderung nicht empfohlen",
        "Defer" or "Deferred" => "Das Gremium hat die Entscheidung vertagt",
        _ => "Das Gremium hat abgestimmt",
    };

    public static string DecisionOutcomeOf(DecisionState decision) => decision.Outcome;
}
