using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages.Aufgaben;

/// <summary>The task inbox of the KuF and the office: open steps for the reader's role, earliest due first, overdue marked.</summary>
public sealed class IndexModel(IWorkflowStore store, TimeProvider clock) : PageModel
{
    private const int MaxOpenTasks = 1_000;

    public IReadOnlyList<OpenTask> Tasks { get; private set; } = [];

    public DateTimeOffset Now { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        var caller = Caller.From(User);
        Now = clock.GetUtcNow();
        Tasks = [.. (await store.ListBookmarksAsync(FundingTaskActivity.BookmarkName, MaxOpenTasks, cancellationToken))
            .Select(OpenTask.From)
            .Where(t => !FundingSteps.IsOption(t.Step) && (caller.IsAdmin || caller.HasRole(t.AssigneeRole)))
            .OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue)
            .ThenBy(t => t.FileNumber, StringComparer.Ordinal)];
    }
}
