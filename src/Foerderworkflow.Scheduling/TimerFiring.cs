using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Foerderworkflow.Scheduling;

/// <summary>
/// Fires one stored timer through the runtime and, when that fails, arms a retry: a job of its own, keyed by the
/// timer's id, with a growing delay. The bookmark row is the exactly-once gate, so a second firing does nothing.
/// </summary>
public sealed class TimerFiring(WorkflowRuntime runtime, TimeProvider clock, ILogger<TimerFiring> logger)
{
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <param name="read">The timer's bookmark and instance, if the caller has read them already.</param>
    public async Task<TimerRun> FireAsync(IScheduler scheduler, WorkflowTimer timer, int attempt, (Bookmark? Bookmark, WorkflowInstance? Instance)? read, CancellationToken cancellationToken)
    {
        try
        {
            var result = await runtime.FireTimerAsync(timer, read, cancellationToken);
            return new TimerRun(timer.Id, timer.DueAt, result is null ? TimerJobOutcome.NothingResumed : TimerJobOutcome.Fired, clock.GetUtcNow());
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The store is unreachable or the burst broke: the timer stays stored. Try again later with its own
            // trigger, so it is not forgotten until the next reconciler pass.
            await RetryLaterAsync(scheduler, timer.Id, attempt + 1, ex);
            return new TimerRun(timer.Id, timer.DueAt, TimerJobOutcome.Failed, clock.GetUtcNow());
        }
    }

    public async Task RetryLaterAsync(IScheduler scheduler, string timerId, int attempt, Exception cause)
    {
        var delay = TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks << Math.Min(attempt - 1, 10), MaxBackoff.Ticks));
        logger.LogError(cause, "Timer {TimerId} could not fire (attempt {Attempt}); trying again in {Delay}", timerId, attempt, delay);
        var retry = TriggerBuilder.Create()
            .WithIdentity($"{timerId}:retry:{attempt}", QuartzTimerOptions.JobGroup)
            .ForJob(QuartzTimerScheduler.JobKeyOf(timerId))
            .UsingJobData(WorkflowTimerJob.AttemptKey, attempt)
            .StartAt(clock.GetUtcNow() + delay)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
        var job = QuartzTimerScheduler.TimerJobOf(timerId);
        try
        {
            if (await scheduler.Exists(job.Key, CancellationToken.None))
            {
                await scheduler.ScheduleJob(retry, cancellationToken: CancellationToken.None);
            }
            else
            {
                await scheduler.ScheduleJob(job, retry, cancellationToken: CancellationToken.None);
            }
        }
        catch (ObjectAlreadyExistsException)
        {
            // This retry is armed already (the timer's own job and its second's job both failed on it).
        }
    }
}
