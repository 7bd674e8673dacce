using System.Collections.Concurrent;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Foerderworkflow.Scheduling;

/// <summary>
/// The Quartz job of one <see cref="DueSecond"/>: reads the stored timers due within that second page by page (the
/// workflow store is the truth, so a timer answered in time is simply not there any more) and fires them through the
/// runtime, <see cref="QuartzTimerOptions.FireParallelism"/> at a time. A timer is never fired before its due time.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class DueSecondJob(IWorkflowStore store, TimerFiring firing, QuartzTimerOptions options, TimeProvider clock, ILogger<DueSecondJob> logger) : IJob
{
    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        if (!DueSecond.TryParse(context.JobDetail.Key.Name, out var second))
        {
            logger.LogError("Quartz job {Job} in the timer-second group has no due second for a name; ignored", context.JobDetail.Key);
            return;
        }

        var runs = new ConcurrentQueue<TimerRun>();
        context.Result = runs;
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = options.FireParallelism, CancellationToken = cancellationToken };
        try
        {
            await foreach (var page in TimerPages.ReadAsync(store, TimerPosition.Before(second.Start), second.End, options.FirePageSize, cancellationToken))
            {

                // Two reads per page instead of two per timer: at thousands of timers per second the reads cost more than the commits.
                var bookmarks = (await store.FindBookmarksByIdAsync([.. page.Select(t => t.BookmarkId)], cancellationToken)).ToDictionary(b => b.Id, StringComparer.Ordinal);
                var instances = (await store.FindInstancesAsync([.. page.Select(t => t.InstanceId).Distinct(StringComparer.Ordinal)], cancellationToken)).ToDictionary(i => i.Id, StringComparer.Ordinal);
                await Parallel.ForEachAsync(page, parallel, async (timer, ct) =>
                {
                    // The job may start a little early (another node's clock, Quartz's acquisition); a deadline may not.
                    var wait = timer.DueAt - clock.GetUtcNow();
                    if (wait > TimeSpan.Zero)
                    {
                        await Task.Delay(wait, clock, ct);
                    }

                    var read = (bookmarks.GetValueOrDefault(timer.BookmarkId), instances.GetValueOrDefault(timer.InstanceId));
                    runs.Enqueue(await firing.FireAsync(context.Scheduler, timer, attempt: 0, read, ct));
                });
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The store could not be read: run this second again later (what has fired is gone from the store by then).
            var attempt = TimerFiring.AttemptOf(context) + 1;
            var retry = TimerFiring.RetryTrigger(context.JobDetail.Key, second.Name, attempt, clock.GetUtcNow(), out var delay);
            logger.LogError(ex, "Timers due at {Second} could not be read (attempt {Attempt}); trying again in {Delay}", second, attempt, delay);
            await context.Scheduler.ScheduleJob(retry, cancellationToken: CancellationToken.None);
        }
    }
}
