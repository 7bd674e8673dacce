using System.Runtime.CompilerServices;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Foerderworkflow.Scheduling;

/// <summary>What one reconciler pass repaired.</summary>
public sealed record ReconcileResult(int JobsCreated, int OrphansDeleted);

/// <summary>
/// Repairs drift between the workflow store (the truth) and Quartz, in both directions: a due second within the window
/// that holds stored timers but has no job gets one (its timers have just come into the window, the process died
/// between commit and scheduling, a firing was missed, or Quartz's tables were reset); a job for a second still ahead
/// that holds no timer any more, and a timer's own job whose timer is gone, are deleted. Safe to run on every node at
/// the same time.
/// </summary>
/// <remarks>
/// The store's timers (due order) and the due-second jobs (named chronologically) are walked page by page and merged
/// like two sorted lists, so a pass holds a page of each, never every timer or job. A second already begun whose
/// timers are still stored and whose job is gone gets its job again and fires at once: that is how a missed or failed
/// second is repaired (and how the timer of a faulted instance is tried again after an operator's retry).
/// </remarks>
public sealed class TimerReconciler(ISchedulerFactory schedulers, IWorkflowStore store, QuartzTimerScheduler timers, QuartzTimerOptions options, TimeProvider clock, ILogger<TimerReconciler> logger)
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
        var now = clock.GetUtcNow();
        var created = 0;
        var deleted = 0;

        await using var jobs = SecondJobsAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
        await using var stored = StoredSecondsAsync(now + options.Window, cancellationToken).GetAsyncEnumerator(cancellationToken);
        var hasJob = await jobs.MoveNextAsync();
        var hasSecond = await stored.MoveNextAsync();
        while (hasJob || hasSecond)
        {
            var order = !hasJob ? -1 : !hasSecond ? 1 : stored.Current.Start.CompareTo(jobs.Current.Start);
            if (order == 0)
            {
                hasJob = await jobs.MoveNextAsync();
                hasSecond = await stored.MoveNextAsync();
            }
            else if (order < 0)
            {
                created += await timers.ScheduleSecondAsync(stored.Current, cancellationToken) ? 1 : 0;
                hasSecond = await stored.MoveNextAsync();
            }
            else
            {
                deleted += await DeleteIfOrphanedAsync(scheduler, jobs.Current, now, cancellationToken);
                hasJob = await jobs.MoveNextAsync();
            }
        }

        deleted += await DeleteOrphanedTimerJobsAsync(scheduler, cancellationToken);
        if (created > 0 || deleted > 0)
        {
            logger.LogWarning("Timer reconciler: {Created} missing Quartz jobs created, {Deleted} orphaned jobs deleted", created, deleted);
        }

        return new ReconcileResult(created, deleted);
    }

    /// <summary>The distinct due seconds of the stored timers due before <paramref name="horizon"/>, in order.</summary>
    private async IAsyncEnumerable<DueSecond> StoredSecondsAsync(DateTimeOffset horizon, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DueSecond? last = null;
        await foreach (var page in TimerPages.ReadAsync(store, null, horizon, options.ReconcilePageSize, cancellationToken))
        {
            foreach (var second in page.Select(t => DueSecond.Of(t.DueAt)))
            {
                if (second != last)
                {
                    last = second;
                    yield return second;
                }
            }
        }
    }

    private async IAsyncEnumerable<DueSecond> SecondJobsAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var name in jobNames.ReadAsync(QuartzTimerOptions.SecondGroup, options.ReconcilePageSize, cancellationToken))
        {
            if (DueSecond.TryParse(name, out var second))
            {
                yield return second;
            }
        }
    }

    private async Task<int> DeleteIfOrphanedAsync(IScheduler scheduler, DueSecond second, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // A second already begun is firing (or about to, after a misfire); Quartz deletes its job when it completes.
        // Otherwise look again: a timer may have been committed after its page was read (its job came first).
        if (second.Start <= now || (await store.ListTimersDueAsync(TimerPosition.Before(second.Start), second.End, 1, cancellationToken)).Count > 0)
        {
            return 0;
        }

        return await scheduler.DeleteJob(second.JobKey, cancellationToken) ? 1 : 0;
    }

    private async Task<int> DeleteOrphanedTimerJobsAsync(IScheduler scheduler, CancellationToken cancellationToken)
    {
        // Single-timer jobs exist only for timers handed over late and for retries, so there are few at any time.
        var deleted = 0;
        await foreach (var timerId in jobNames.ReadAsync(QuartzTimerOptions.JobGroup, options.ReconcilePageSize, cancellationToken))
        {
            if (await store.FindTimerAsync(timerId, cancellationToken) is not null)
            {
                continue;
            }

            try
            {
                deleted += await scheduler.DeleteJob(QuartzTimerScheduler.JobKeyOf(timerId), cancellationToken) ? 1 : 0;
            }
            catch (SchedulerException ex)
            {
                // Most often the job has just fired (its timer is gone with that commit) and Quartz is completing it on
                // some node right now, which deletes it anyway; otherwise the next pass tries again.
                logger.LogDebug(ex, "Orphaned timer job {TimerId} could not be deleted now", timerId);
            }
        }

        return deleted;
    }
}
