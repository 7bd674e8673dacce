using System.Threading.Channels;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Timers;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Foerderworkflow.Scheduling;

/// <summary>
/// Arms committed timers as Quartz jobs: one job and one trigger per timer, both named by the timer's id, fired at
/// its due time. Committed timers are queued in memory and stored in Quartz by <see cref="PumpAsync"/>; what a crash
/// between the commit and that store loses, the <see cref="TimerReconciler"/> recreates from the workflow store.
/// </summary>
/// <remarks>
/// Only timers due within <see cref="QuartzTimerOptions.Window"/> become jobs; later ones stay in the workflow store
/// alone until a reconciler pass finds them inside the window. Quartz thus holds the near future, not every pending
/// deadline of every case (a proof of use is due months ahead), and a pending timer costs Quartz nothing.
/// </remarks>
public sealed class QuartzTimerScheduler(ISchedulerFactory schedulers, QuartzTimerOptions options, TimeProvider clock, ILogger<QuartzTimerScheduler> logger) : ITimerScheduler
{
    private const int BatchSize = 256;
    private readonly Channel<WorkflowTimer> pending = Channel.CreateUnbounded<WorkflowTimer>(new UnboundedChannelOptions { SingleReader = true });

    public static JobKey JobKeyOf(string timerId) => new(timerId, QuartzTimerOptions.JobGroup);

    public void OnTimersCommitted(IReadOnlyList<WorkflowTimer> timers)
    {
        ArgumentNullException.ThrowIfNull(timers);
        foreach (var timer in timers)
        {
            pending.Writer.TryWrite(timer);
        }
    }

    /// <summary>Stores queued timers in Quartz until cancelled. A failure is logged; the reconciler repairs it.</summary>
    public async Task PumpAsync(CancellationToken cancellationToken)
    {
        var batch = new List<WorkflowTimer>(BatchSize);
        while (await pending.Reader.WaitToReadAsync(cancellationToken))
        {
            batch.Clear();
            while (batch.Count < BatchSize && pending.Reader.TryRead(out var timer))
            {
                batch.Add(timer);
            }

            try
            {
                await ScheduleAsync(batch, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "{Count} committed timers could not be handed to Quartz; the reconciler will schedule them", batch.Count);
            }
        }
    }

    /// <summary>
    /// Creates the job and trigger of each timer due within the window; a timer that already has a job is left as it
    /// is (the timer's due time never changes, so the existing job is the same). Returns how many jobs were created.
    /// </summary>
    public async Task<int> ScheduleAsync(IEnumerable<WorkflowTimer> timers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timers);
        var horizon = clock.GetUtcNow() + options.Window;
        var all = timers.Where(t => t.DueAt <= horizon).DistinctBy(t => t.Id, StringComparer.Ordinal).ToList();
        if (all.Count == 0)
        {
            return 0;
        }

        var scheduler = await schedulers.GetScheduler(cancellationToken);
        if (all.Count > 1)
        {
            // The common case: none of them is scheduled yet, and one transaction stores them all.
            var batch = all.ToDictionary(JobOf, t => (IReadOnlyCollection<ITrigger>)[TriggerOf(t)]);
            try
            {
                await scheduler.ScheduleJobs(batch, new ScheduleJobOptions { Replace = false }, cancellationToken);
                return all.Count;
            }
            catch (ObjectAlreadyExistsException)
            {
                // Some are scheduled already (a commit and the reconciler, or two nodes): one by one below.
            }
        }

        var created = 0;
        foreach (var timer in all)
        {
            try
            {
                await scheduler.ScheduleJob(JobOf(timer), TriggerOf(timer), cancellationToken: cancellationToken);
                created++;
            }
            catch (ObjectAlreadyExistsException)
            {
                // Scheduled before: harmless.
            }
        }

        return created;
    }

    private static IJobDetail JobOf(WorkflowTimer timer) =>
        JobBuilder.Create<WorkflowTimerJob>()
            .WithIdentity(JobKeyOf(timer.Id))
            .UsingJobData(WorkflowTimerJob.TimerIdKey, timer.Id)
            .RequestRecovery()
            .Build();

    private static ITrigger TriggerOf(WorkflowTimer timer) =>
        TriggerBuilder.Create()
            .WithIdentity(timer.Id, QuartzTimerOptions.JobGroup)
            .ForJob(JobKeyOf(timer.Id))
            .StartAt(timer.DueAt)
            // Missed while every node was down: fire once, now. A one-shot trigger has nothing left to fire after that.
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
}
