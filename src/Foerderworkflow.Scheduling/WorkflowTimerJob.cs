using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Quartz;

namespace Foerderworkflow.Scheduling;

/// <summary>
/// The Quartz job of one workflow timer, keyed by the timer's id: for a timer handed over when its second has
/// already begun (its <see cref="DueSecondJob"/> may be running or done) and for the retry of a failed firing.
/// Loads the timer by its id and fires it.
/// </summary>
[DisallowConcurrentExecution]
internal sealed class WorkflowTimerJob(IWorkflowStore store, TimerFiring firing, TimeProvider clock) : IJob
{
    public const string TimerIdKey = "timerId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default)
    {
        var timerId = context.MergedJobDataMap.GetString(TimerIdKey) ?? context.JobDetail.Key.Name;
        var attempt = TimerFiring.AttemptOf(context);
        WorkflowTimer? timer;
        try
        {
            timer = await store.FindTimerAsync(timerId, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            await firing.RetryLaterAsync(context.Scheduler, timerId, attempt + 1, ex);
            context.Result = new[] { new TimerRun(timerId, null, TimerJobOutcome.Failed, clock.GetUtcNow()) };
            return;
        }

        context.Result = timer is null
            ? new[] { new TimerRun(timerId, null, TimerJobOutcome.Gone, clock.GetUtcNow()) }
            : new[] { await firing.FireAsync(context.Scheduler, timer, attempt, read: null, cancellationToken) };
    }
}
