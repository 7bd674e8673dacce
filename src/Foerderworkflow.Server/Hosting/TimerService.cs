using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Timers;

namespace Foerderworkflow.Server.Hosting;

/// <summary>Runs the in-process timer loop: every due timer resumes its bookmark.</summary>
internal sealed class TimerService(PollingTimerScheduler scheduler, WorkflowRuntime runtime, ILogger<TimerService> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        scheduler.RunAsync(FireAsync, stoppingToken);

    private async Task FireAsync(WorkflowTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            await runtime.FireTimerAsync(timer, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            // One broken instance (or a database timeout, which surfaces as a cancellation too) must not stop every
            // other deadline; the timer stays stored and is tried again.
            logger.LogError(ex, "Timer {TimerId} of instance {InstanceId} could not fire", timer.Id, timer.InstanceId);
        }
    }
}
