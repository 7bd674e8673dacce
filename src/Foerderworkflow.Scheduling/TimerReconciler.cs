using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Foerderworkflow.Scheduling;

/// <summary>What one reconciler pass repaired.</summary>
public sealed record ReconcileResult(int JobsCreated, int OrphansDeleted);

/// <summary>
/// Repairs drift between the workflow store (the truth) and Quartz, in both directions: a stored timer due within the
/// window without a job gets one (it has just come into the window, the process died between commit and scheduling,
/// or Quartz's tables were reset); a job whose timer is gone is deleted. Safe to run on every node at the same time.
/// </summary>
/// <remarks>
/// Both sides are walked page by page in id order and merged like two sorted lists, so a pass holds a page of each,
/// never every timer or job key (a million pending timers would otherwise be loaded at once).
/// </remarks>
public sealed class TimerReconciler(ISchedulerFactory schedulers, IWorkflowStore store, QuartzTimerScheduler timers, QuartzTimerOptions options, ILogger<TimerReconciler> logger)
{
    private readonly StoredJobNames jobNames = new(options);
    private readonly TaskCompletionSource firstPass = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first pass (the start-up one) has ended, whether it repaired anything or failed.</summary>
    public Task FirstPassCompleted => firstPass.Task;

    public async Task<ReconcileResult> ReconcileAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await RepairAsync(cancellationToken);
        }
        finally
        {
            firstPass.TrySetResult();
        }
    }

    private async Task<ReconcileResult> RepairAsync(CancellationToken cancellationToken)
    {
        var scheduler = await schedulers.GetScheduler(cancellationToken);
        var pageSize = options.ReconcilePageSize;
        var missing = new List<WorkflowTimer>(pageSize);
        var created = 0;
        var deleted = 0;

        await using var jobs = jobNames.ReadAsync(pageSize, cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var stored = StoredTimersAsync(pageSize, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var hasJob = await jobs.MoveNextAsync();
        var hasTimer = await stored.MoveNextAsync();
        while (hasJob || hasTimer)
        {
            var order = !hasJob ? -1 : !hasTimer ? 1 : string.CompareOrdinal(stored.Current.Id, jobs.Current);
            if (order == 0)
            {
                hasJob = await jobs.MoveNextAsync();
                hasTimer = await stored.MoveNextAsync();
            }
            else if (order < 0)
            {
                missing.Add(stored.Current);
                if (missing.Count >= pageSize)
                {
                    created += await timers.ScheduleAsync(missing, cancellationToken);
                    missing.Clear();
                }

                hasTimer = await stored.MoveNextAsync();
            }
            else
            {
                deleted += await DeleteIfOrphanedAsync(scheduler, jobs.Current, cancellationToken);
                hasJob = await jobs.MoveNextAsync();
            }
        }

        if (missing.Count > 0)
        {
            created += await timers.ScheduleAsync(missing, cancellationToken);
        }

        if (created > 0 || deleted > 0)
        {
            logger.LogWarning("Timer reconciler: {Created} missing Quartz jobs created, {Deleted} orphaned jobs deleted", created, deleted);
        }

        return new ReconcileResult(created, deleted);
    }

    private async IAsyncEnumerable<WorkflowTimer> StoredTimersAsync(int pageSize, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        string? after = null;
        while (true)
        {
            var page = await store.ListTimersAsync(after, pageSize, cancellationToken);

            // The store orders by its own collation; the merge needs ordinal order (the same for the engine's hex ids).
            foreach (var timer in page.OrderBy(t => t.Id, StringComparer.Ordinal))
            {
                yield return timer;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1].Id;
        }
    }

    private async Task<int> DeleteIfOrphanedAsync(IScheduler scheduler, string timerId, CancellationToken cancellationToken)
    {
        // Look again: the timer may have been committed after its page was read (its job came first).
        if (await store.FindTimerAsync(timerId, cancellationToken) is not null)
        {
            return 0;
        }

        try
        {
            return await scheduler.DeleteJob(QuartzTimerScheduler.JobKeyOf(timerId), cancellationToken) ? 1 : 0;
        }
        catch (SchedulerException ex)
        {
            // Most often the job has just fired (its timer is gone with that commit) and Quartz is completing it on
            // some node right now, which deletes it anyway; otherwise the next pass tries again.
            logger.LogDebug(ex, "Orphaned timer job {TimerId} could not be deleted now", timerId);
            return 0;
        }
    }
}
