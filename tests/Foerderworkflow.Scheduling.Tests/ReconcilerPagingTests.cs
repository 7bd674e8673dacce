using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Foerderworkflow.Scheduling.Tests;

/// <summary>
/// The reconciler walks timers and jobs a page at a time (here 3 per page) and still repairs every gap on either side;
/// the Quartz health check reports a started scheduler with a reachable store as healthy and a stood-down one as not.
/// </summary>
public sealed class ReconcilerPagingTests : IAsyncLifetime
{
    private TimerCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await TimerCluster.CreateAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task Reconciler_AcrossManyPages_CreatesEveryMissingJob_AndDeletesEveryOrphan()
    {
        var a = await cluster.StartNodeAsync("node-a", o => { o.ReconcileInterval = TimeSpan.FromHours(1); o.ReconcilePageSize = 3; });
        await a.Services.GetRequiredService<Engine.Definitions.WorkflowDefinitionService>().PublishAsync(TimerDefinitions.Delay("paged", TimeSpan.FromHours(1)));

        // 10 timers committed without handing them to Quartz, 4 of them scheduled anyway, and 5 orphaned jobs
        // interleaved with them in id order.
        var lost = ActivatorUtilities.CreateInstance<WorkflowRuntime>(a.Services, new LostHandOff());
        for (var i = 0; i < 10; i++)
        {
            await lost.StartAsync("paged");
        }

        var stored = await a.Store.ListTimersAsync(null, 100);
        var timers = a.Services.GetRequiredService<QuartzTimerScheduler>();
        await timers.ScheduleAsync(stored.Where((_, i) => i % 3 == 0));
        var orphans = stored.Take(5).Select(t => t with { Id = t.Id[..^1] + "~" }).ToList();   // sorts right after its twin
        await timers.ScheduleAsync(orphans);

        Assert.Equal(new ReconcileResult(JobsCreated: 6, OrphansDeleted: 5), await a.Reconciler.ReconcileAsync());
        var jobs = await (await a.SchedulerAsync()).GetJobKeys(GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.JobGroup));
        Assert.Equal(stored.Select(t => t.Id).Order(StringComparer.Ordinal), jobs.Select(k => k.Name).Order(StringComparer.Ordinal));
        Assert.Equal(new ReconcileResult(0, 0), await a.Reconciler.ReconcileAsync());
    }

    [Fact]
    public async Task TimerBeyondTheWindow_StaysInTheStoreOnly_UntilItComesIntoTheWindow()
    {
        var a = await cluster.StartNodeAsync("node-a", o => { o.ReconcileInterval = TimeSpan.FromHours(1); o.Window = TimeSpan.FromHours(2); });
        var definitions = a.Services.GetRequiredService<Engine.Definitions.WorkflowDefinitionService>();
        await definitions.PublishAsync(TimerDefinitions.Delay("far", TimeSpan.FromDays(90)));
        await definitions.PublishAsync(TimerDefinitions.Delay("near", TimeSpan.FromMinutes(90)));

        await a.Runtime.StartAsync("far");
        var near = await a.Runtime.StartAsync("near");
        await a.Reconciler.ReconcileAsync();   // arms "near" if the pump has not yet; never "far"
        Assert.Equal(new ReconcileResult(0, 0), await a.Reconciler.ReconcileAsync());

        Assert.Equal(2, (await a.Store.ListTimersAsync(null, 10)).Count);
        var jobs = await (await a.SchedulerAsync()).GetJobKeys(GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.JobGroup));
        var nearTimer = Assert.Single(await a.Store.ListTimersAsync(null, 10), t => t.InstanceId == near.InstanceId);
        Assert.Equal([nearTimer.Id], jobs.Select(k => k.Name));
    }

    [Fact]
    public async Task HealthCheck_StartedScheduler_IsHealthy_StandbyIsNot()
    {
        var a = await cluster.StartNodeAsync("node-a", o => o.ReconcileInterval = TimeSpan.FromHours(1));
        var check = ActivatorUtilities.CreateInstance<QuartzHealthCheck>(a.Services);

        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(new HealthCheckContext())).Status);

        await (await a.SchedulerAsync()).Standby();
        var standby = await check.CheckHealthAsync(new HealthCheckContext());
        Assert.Equal(HealthStatus.Unhealthy, standby.Status);
        Assert.Contains("Standby", standby.Description, StringComparison.Ordinal);

        var registered = a.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<HealthCheckServiceOptions>>().Value.Registrations;
        Assert.Contains(registered, r => r.Name == QuartzHealthCheck.Name && r.Tags.Contains("ready"));
    }

    private sealed class LostHandOff : ITimerScheduler
    {
        public void OnTimersCommitted(IReadOnlyList<WorkflowTimer> timers)
        {
        }
    }
}
