using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;

namespace Foerderworkflow.Casework;

/// <summary>The task inbox of the API and the portal: open funding steps for the caller's role (the administrator sees all), earliest due first.</summary>
public sealed class TaskInbox(IWorkflowStore store)
{
    private const int MaxOpenTasks = 1_000;

    public async Task<IReadOnlyList<OpenTask>> ListAsync(Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return [.. (await store.ListBookmarksAsync(FundingTaskActivity.BookmarkName, MaxOpenTasks, cancellationToken))
            .Select(OpenTask.From)
            .Where(t => caller.IsAdmin || caller.HasRole(t.AssigneeRole))
            .OrderBy(t => t.DueAt ?? DateTimeOffset.MaxValue)];
    }
}
