using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Portal.Forms;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages.Abstimmungen;

/// <summary>
/// One vote (<c>/abstimmungen/{id}</c>): the application as the body sees it (form, plan, attachments), the member's
/// ballot (cast or change), a declared conflict of interest, and an objection to a written procedure.
/// </summary>
public sealed class AbstimmenModel(ApplicationDesk desk, CommitteeDesk committee, AttachmentStore attachments) : PageModel
{
    public OpenVote Vote { get; private set; } = null!;

    public ApplicationResponse Case { get; private set; } = null!;

    public IReadOnlyList<AttachmentInfo> Attachments { get; private set; } = [];

    [BindProperty]
    public string? Choice { get; set; }

    [BindProperty]
    public string? Reason { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken cancellationToken) =>
        await LoadAsync(id, cancellationToken) ? Page() : NotFound();

    public Task<IActionResult> OnPostBallotAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, () => committee.CastAsync(id, new BallotRequest(Choice), Caller.From(User), cancellationToken), "choice", cancellationToken);

    public Task<IActionResult> OnPostConflictAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, () => committee.DeclareConflictAsync(id, new ConflictRequest(Reason), Caller.From(User), cancellationToken), "reason", cancellationToken);

    public Task<IActionResult> OnPostObjectionAsync(string id, CancellationToken cancellationToken) =>
        ActAsync(id, () => committee.ObjectAsync(id, new ObjectionRequest(Reason), Caller.From(User), cancellationToken), "reason", cancellationToken);

    private async Task<IActionResult> ActAsync(string id, Func<Task<IResult>> act, string field, CancellationToken cancellationToken)
    {
        if (!await LoadAsync(id, cancellationToken))
        {
            return NotFound();
        }

        var result = await act();
        if (FormReader.TakeProblem(result, ModelState))
        {
            return Page();
        }

        TempData["Erledigt"] = (result as IValueHttpResult)?.Value is VoteReceipt receipt ? receipt.Message : "Erledigt.";
        // Objecting ends the written procedure: then the vote is gone and the list is the place to go.
        return await committee.FindOpenVoteAsync(id, Caller.From(User), cancellationToken) is null
            ? Redirect("/abstimmungen")
            : Redirect($"/abstimmungen/{Uri.EscapeDataString(id)}");
    }

    private async Task<bool> LoadAsync(string id, CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        if (await committee.FindOpenVoteAsync(id, caller, cancellationToken) is not { } vote || await desk.FindAsync(id, caller, cancellationToken) is not { } file)
        {
            return false;
        }

        Vote = vote;
        Case = ApplicationResponse.From(file, desk.Now, caller);
        Attachments = await attachments.ListAsync(id, cancellationToken);
        return true;
    }
}
