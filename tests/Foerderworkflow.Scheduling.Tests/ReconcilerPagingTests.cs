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
        var definitions = a.Services.GetRequiredService<Engine.Definitions.WorkflowDefinitionService>();

        // 10 timers in 10 due seconds committed without handing them to Quartz (two in each second, so a page boundary
        // falls inside a second too), 4 of the seconds scheduled anyway, and 5 orphaned seconds interleaved with them.
        var lost = ActivatorUtilities.CreateInstance<WorkflowRuntime>(a.Services, new LostHandOff());
        var first = DueSecond.Of(TimeProvider.System.GetUtcNow().AddHours(1)).Start;
        for (var i = 0; i < 10; i++)
        {
            await definitions.PublishAsync(TimerDefinitions.TaskDue($"paged-{i}", first.AddSeconds(10 * i)));
            await lost.StartAsync($"paged-{i}");
            await lost.StartAsync($"paged-{i}");
        }

        var stored = await a.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 100);
        var seconds = stored.Select(t => DueSecond.Of(t.DueAt)).Distinct().OrderBy(s => s.Start).ToList();
        Assert.Equal(10, seconds.Count);
        var timers = a.Services.GetRequiredService<QuartzTimerScheduler>();
        await timers.ScheduleAsync(stored.Where(t => seconds.IndexOf(DueSecond.Of(t.DueAt)) % 3 == 0));
        var orphans = seconds.Take(5).Select(s => new WorkflowTimer($"orphan-{s.Name}", "no-instance", "no-bookmark", s.Start.AddSeconds(5))).ToList();
        await timers.ScheduleAsync(orphans);

        Assert.Equal(new ReconcileResult(JobsCreated: 6, OrphansDeleted: 5), await a.Reconciler.ReconcileAsync());
        var jobs = await (await a.SchedulerAsync()).GetJobKeys(GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.SecondGroup));
        Assert.Equal(seconds.Select(s => s.Name), jobs.Select(k => k.Name).Order(StringComparer.Ordinal));
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

        Assert.Equal(2, (await a.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 10)).Count);
        var jobs = await (await a.SchedulerAsync()).GetJobKeys(GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.SecondGroup));
        var nearTimer = Assert.Single(await a.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 10), t => t.InstanceId == near.InstanceId);
        Assert.Equal([DueSecond.Of(nearTimer.DueAt).Name], jobs.Select(k => k.Name));
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
