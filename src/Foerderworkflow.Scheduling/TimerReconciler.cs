using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Foerderworkflow.Scheduling;

/// <summary>What one reconciler pass repaired.</summary>
public sealed record ReconcileResult(int JobsCreated, int OrphansDeleted);

/// <summary>
/// Repairs drift between the workflow store (the truth) and Quartz, in both directions: a stored timer without a
/// job gets one (the process died between commit and scheduling, or Quartz's tables were reset); a job whose timer
/// is gone is deleted. Safe to run on every node at the same time.
/// </summary>
public sealed class TimerReconciler(ISchedulerFactory schedulers, IWorkflowStore store, QuartzTimerScheduler timers, ILogger<TimerReconciler> logger)
{
    private const int PageSize = 1000;
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

        // Jobs first: a job that exists now belongs to a timer committed before now, which the walk below will see
        // unless it has been consumed meanwhile.
        var jobKeys = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.JobGroup), cancellationToken);
        var unmatched = jobKeys.Select(k => k.Name).ToHashSet(StringComparer.Ordinal);

        var created = 0;
        string? after = null;
        while (true)
        {
            var page = await store.ListTimersAsync(after, PageSize, cancellationToken);
            var missing = page.Where(t => !unmatched.Remove(t.Id)).ToList();
            if (missing.Count > 0)
            {
                created += await timers.ScheduleAsync(missing, cancellationToken);
            }

            if (page.Count < PageSize)
            {
                break;
            }

            after = page[^1].Id;
        }

        var deleted = 0;
        foreach (var timerId in unmatched)
        {
            // Look again: the timer may have been committed after its page was read.
            if (await store.FindTimerAsync(timerId, cancellationToken) is not null)
            {
                continue;
            }

            try
            {
                if (await scheduler.DeleteJob(QuartzTimerScheduler.JobKeyOf(timerId), cancellationToken))
                {
                    deleted++;
                }
            }
            catch (SchedulerException ex)
            {
                // Most often the job has just fired (its timer is gone with that commit) and Quartz is completing it
                // on some node right now, which deletes it anyway; otherwise the next pass tries again.
                logger.LogDebug(ex, "Orphaned timer job {TimerId} could not be deleted now", timerId);
            }
        }

        if (created > 0 || deleted > 0)
        {
            logger.LogWarning("Timer reconciler: {Created} missing Quartz jobs created, {Deleted} orphaned jobs deleted", created, deleted);
        }

        return new ReconcileResult(created, deleted);
    }
}
