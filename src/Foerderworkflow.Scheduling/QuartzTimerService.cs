using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Quartz;

namespace Foerderworkflow.Scheduling;

/// <summary>
/// Starts Quartz (which creates its tables if they are missing), reconciles at start-up and then periodically, and
/// hands committed timers to Quartz. Stops Quartz when the host stops.
/// </summary>
internal sealed class QuartzTimerService(
    ISchedulerFactory schedulers,
    QuartzTimerScheduler timers,
    TimerReconciler reconciler,
    QuartzTimerOptions options,
    TimeProvider clock,
    ILogger<QuartzTimerService> logger) : IHostedService, IDisposable
{
    private static readonly TimeSpan RetryAfterFailure = TimeSpan.FromSeconds(10);
    private readonly CancellationTokenSource stopping = new();
    private IScheduler? scheduler;
    private Task? pump;
    private Task? reconcile;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        scheduler = await schedulers.GetScheduler(cancellationToken);
        await scheduler.Start(cancellationToken);
        pump = timers.PumpAsync(stopping.Token);
        reconcile = ReconcileLoopAsync(stopping.Token);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // A test host may dispose the service before stopping it; the loops ended with the disposal.
        }

        foreach (var task in new[] { pump, reconcile })
        {
            if (task is not null)
            {
                await task.ContinueWith(static _ => { }, TaskScheduler.Default);
            }
        }

        if (scheduler is not null)
        {
            await scheduler.Shutdown(waitForJobsToComplete: true, cancellationToken);
        }
    }

    public void Dispose()
    {
        stopping.Cancel();
        stopping.Dispose();
    }

    private async Task ReconcileLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var wait = options.ReconcileInterval;
            try
            {
                await reconciler.ReconcileAsync(cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Timer reconciler failed; trying again in {Delay}", RetryAfterFailure);
                wait = RetryAfterFailure < wait ? RetryAfterFailure : wait;
            }

            await Task.Delay(wait, clock, cancellationToken).ContinueWith(static _ => { }, TaskScheduler.Default);
        }
    }
}
