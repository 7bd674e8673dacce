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
    private const string AttemptKey = "attempt";
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    /// <summary>Which retry of its job this run is (0: the first run), from the trigger that fired it.</summary>
    internal static int AttemptOf(IJobExecutionContext context) =>
        context.Trigger.JobDataMap.TryGetValue(AttemptKey, out var value) && value is int n ? n : 0;

    /// <summary>
    /// A one-shot trigger that runs <paramref name="job"/> again as retry number <paramref name="attempt"/>, after a
    /// delay that doubles from 5 s up to 5 min; the trigger is named <c>{name}:retry:{attempt}</c> in the job's group.
    /// </summary>
    internal static ITrigger RetryTrigger(JobKey job, string name, int attempt, DateTimeOffset now, out TimeSpan delay)
    {
        delay = TimeSpan.FromTicks(Math.Min(FirstRetry.Ticks << Math.Min(attempt - 1, 10), MaxBackoff.Ticks));
        return TriggerBuilder.Create()
            .WithIdentity($"{name}:retry:{attempt}", job.Group)
            .ForJob(job)
            .UsingJobData(AttemptKey, attempt)
            .StartAt(now + delay)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
    }

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
        var job = QuartzTimerScheduler.TimerJobOf(timerId);
        var retry = RetryTrigger(job.Key, timerId, attempt, clock.GetUtcNow(), out var delay);
        logger.LogError(cause, "Timer {TimerId} could not fire (attempt {Attempt}); trying again in {Delay}", timerId, attempt, delay);
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
