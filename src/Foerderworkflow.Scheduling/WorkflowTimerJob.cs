using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Foerderworkflow.Scheduling;

/// <summary>What a timer job did; left in <see cref="IJobExecutionContext.Result"/> for listeners and tests.</summary>
public enum TimerJobOutcome
{
    /// <summary>The timer resumed its bookmark.</summary>
    Fired,

    /// <summary>The timer is no longer stored (its bookmark was consumed in time, or another node fired it).</summary>
    Gone,

    /// <summary>The timer is stored but resumed nothing (its bookmark is gone, or its instance is faulted).</summary>
    NothingResumed,

    /// <summary>Firing failed; a retry trigger was scheduled.</summary>
    Failed,
}

/// <summary>
/// The Quartz job of one workflow timer: loads the timer by the id in its job data and fires it through the runtime.
/// The bookmark row is the exactly-once gate, so a second firing (a replaced job, a recovered trigger) does nothing.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class WorkflowTimerJob(IWorkflowStore store, WorkflowRuntime runtime, ILogger<WorkflowTimerJob> logger) : IJob
{
    public const string TimerIdKey = "timerId";
    private const string AttemptKey = "attempt";
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(5);

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var timerId = context.MergedJobDataMap.GetString(TimerIdKey) ?? context.JobDetail.Key.Name;
        try
        {
            var timer = await store.FindTimerAsync(timerId, cancellationToken);
            if (timer is null)
            {
                context.Result = TimerJobOutcome.Gone;
                return;
            }

            var result = await runtime.FireTimerAsync(timer, cancellationToken);
            context.Result = result is null ? TimerJobOutcome.NothingResumed : TimerJobOutcome.Fired;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // The store is unreachable or the burst broke: the timer stays stored. Try again later with its own
            // trigger, so this job (and the timer) is not forgotten until the next reconciler pass.
            context.Result = TimerJobOutcome.Failed;
            var attempt = context.Trigger.JobDataMap.TryGetValue(AttemptKey, out var value) && value is int n ? n + 1 : 1;
            var delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(5).Ticks << Math.Min(attempt - 1, 10), MaxBackoff.Ticks));
            logger.LogError(ex, "Timer {TimerId} could not fire (attempt {Attempt}); trying again in {Delay}", timerId, attempt, delay);
            var retry = TriggerBuilder.Create()
                .WithIdentity($"{timerId}:retry:{attempt}", QuartzTimerOptions.JobGroup)
                .ForJob(context.JobDetail.Key)
                .UsingJobData(AttemptKey, attempt)
                .StartAt(context.FireTimeUtc + delay)
                .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
                .Build();
            await context.Scheduler.ScheduleJob(retry, cancellationToken: CancellationToken.None);
        }
    }
}
