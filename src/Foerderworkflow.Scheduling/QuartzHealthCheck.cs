using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Foerderworkflow.Scheduling;

/// <summary>
/// Ready when this node's Quartz scheduler is started, not in standby and can read its tables: otherwise no timer
/// fires on this node (another node of the cluster may still fire them).
/// </summary>
public sealed class QuartzHealthCheck(ISchedulerFactory schedulers) : IHealthCheck
{
    public const string Name = "quartz";
    private static readonly JobKey Probe = new("health-probe", QuartzTimerOptions.JobGroup);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            var scheduler = await schedulers.GetScheduler(cancellationToken);
            var status = await scheduler.GetStatus(cancellationToken);
            if (status == SchedulerStatus.Standby)
            {
                return HealthCheckResult.Unhealthy("Der Zeitplaner (Quartz) ist im Standby.");
            }

            if (status != SchedulerStatus.Running)
            {
                return HealthCheckResult.Unhealthy($"Der Zeitplaner (Quartz) läuft nicht ({status}).");
            }

            // A read of Quartz's tables: the store is reachable.
            await scheduler.Exists(Probe, cancellationToken);
            return HealthCheckResult.Healthy();
        }
        catch (Exception ex) when (ex is SchedulerException or System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("Der Speicher des Zeitplaners (Quartz) ist nicht erreichbar.", ex);
        }
    }
}
