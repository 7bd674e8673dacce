using System.Threading.Channels;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Timers;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Foerderworkflow.Scheduling;

/// <summary>
/// Arms committed timers in Quartz: a timer due in a second still ahead gets that second's job
/// (<see cref="DueSecondJob"/>, shared by every timer of the second); a timer whose second has begun gets a job of its
/// own, keyed by its id (<see cref="WorkflowTimerJob"/>), since its second's job may already have read the store.
/// Either way the key is stable, so scheduling twice is harmless. Committed timers are queued in memory and stored in
/// Quartz by <see cref="PumpAsync"/>; what a crash between the commit and that store loses, the
/// <see cref="TimerReconciler"/> recreates from the workflow store.
/// </summary>
/// <remarks>
/// Only timers due within <see cref="QuartzTimerOptions.Window"/> are armed; later ones stay in the workflow store
/// alone until a reconciler pass finds them inside the window. Quartz thus holds the near future, not every pending
/// deadline of every case (a proof of use is due months ahead), and a pending timer costs Quartz nothing.
/// </remarks>
public sealed class QuartzTimerScheduler(ISchedulerFactory schedulers, QuartzTimerOptions options, TimeProvider clock, ILogger<QuartzTimerScheduler> logger) : ITimerScheduler
{
    private const int BatchSize = 256;
    private readonly Channel<WorkflowTimer> pending = Channel.CreateUnbounded<WorkflowTimer>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>The key of a timer's own job (a timer handed over late, or a retry).</summary>
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
    /// Arms the timers due within the window: the job of each due second still ahead, and a job of its own for each
    /// timer whose second has begun. Jobs that exist already are left as they are. Returns how many jobs were created.
    /// </summary>
    public async Task<int> ScheduleAsync(IEnumerable<WorkflowTimer> timers, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timers);
        var now = clock.GetUtcNow();
        var horizon = now + options.Window;
        var armed = timers.Where(t => t.DueAt <= horizon).DistinctBy(t => t.Id, StringComparer.Ordinal).ToList();
        if (armed.Count == 0)
        {
            return 0;
        }

        var ahead = armed.Select(t => DueSecond.Of(t.DueAt)).Where(s => s.Start > now).Distinct();
        var late = armed.Where(t => DueSecond.Of(t.DueAt).Start <= now);
        var jobs = ahead.Select(s => (SecondJobOf(s), SecondTriggerOf(s)))
            .Concat(late.Select(t => (TimerJobOf(t.Id), TimerTriggerOf(t))))
            .ToList();
        return await ScheduleNewAsync(await schedulers.GetScheduler(cancellationToken), jobs, cancellationToken);
    }

    /// <summary>Creates the job of <paramref name="second"/> unless it exists; true if it was created.</summary>
    public async Task<bool> ScheduleSecondAsync(DueSecond second, CancellationToken cancellationToken = default) =>
        await ScheduleNewAsync(await schedulers.GetScheduler(cancellationToken), [(SecondJobOf(second), SecondTriggerOf(second))], cancellationToken) == 1;

    internal static IJobDetail TimerJobOf(string timerId) =>
        JobBuilder.Create<WorkflowTimerJob>()
            .WithIdentity(JobKeyOf(timerId))
            .UsingJobData(WorkflowTimerJob.TimerIdKey, timerId)
            .RequestRecovery()
            .Build();

    private static async Task<int> ScheduleNewAsync(IScheduler scheduler, List<(IJobDetail Job, ITrigger Trigger)> jobs, CancellationToken cancellationToken)
    {
        if (jobs.Count > 1)
        {
            // The common case: none of them exists yet, and one transaction stores them all.
            try
            {
                await scheduler.ScheduleJobs(jobs.ToDictionary(j => j.Job, j => (IReadOnlyCollection<ITrigger>)[j.Trigger]), new ScheduleJobOptions { Replace = false }, cancellationToken);
                return jobs.Count;
            }
            catch (ObjectAlreadyExistsException)
            {
                // Some exist already (a commit and the reconciler, two nodes, timers of one second): one by one below.
            }
        }

        var created = 0;
        foreach (var (job, trigger) in jobs)
        {
            try
            {
                await scheduler.ScheduleJob(job, trigger, cancellationToken: cancellationToken);
                created++;
            }
            catch (ObjectAlreadyExistsException)
            {
                // Scheduled before: harmless, the key says the same thing.
            }
        }

        return created;
    }

    private static IJobDetail SecondJobOf(DueSecond second) =>
        JobBuilder.Create<DueSecondJob>()
            .WithIdentity(second.JobKey)
            .RequestRecovery()
            .Build();

    private static ITrigger SecondTriggerOf(DueSecond second) =>
        TriggerBuilder.Create()
            .WithIdentity(second.Name, QuartzTimerOptions.SecondGroup)
            .ForJob(second.JobKey)
            .StartAt(second.Start)
            // Missed while every node was down: fire once, now. A one-shot trigger has nothing left to fire after that.
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();

    private static ITrigger TimerTriggerOf(WorkflowTimer timer) =>
        TriggerBuilder.Create()
            .WithIdentity(timer.Id, QuartzTimerOptions.JobGroup)
            .ForJob(JobKeyOf(timer.Id))
            .StartAt(timer.DueAt)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow))
            .Build();
}
