using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages.Aufgaben;

/// <summary>The task inbox of the KuF and the office: open steps for the reader's role, earliest due first, overdue marked.</summary>
public sealed class IndexModel(TaskInbox inbox, TimeProvider clock) : PageModel
{
    public IReadOnlyList<OpenTask> Tasks { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Now = clock.GetUtcNow();
        // The applicant's options beside the main path (withdrawing) are nobody's task.
        Tasks = [.. (await inbox.ListAsync(Caller.From(User), cancellationToken)).Where(t => !FundingSteps.IsOption(t.Step))];
    }
}
