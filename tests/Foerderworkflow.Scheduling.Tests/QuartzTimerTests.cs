using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Timers;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Foerderworkflow.Scheduling.Tests;

/// <summary>
/// Quartz on PostgreSQL, clustered: timers become due-second jobs after the commit and fire exactly once across nodes, survive
/// a node's shutdown and downtime, do nothing once answered, and the reconciler repairs drift both ways. Quartz runs
/// on real time: due dates lie a few seconds ahead and the tests wait on completion signals with timeouts.
/// </summary>
public sealed class QuartzTimerTests : IAsyncLifetime
{
    private TimerCluster cluster = null!;

    public async Task InitializeAsync() => cluster = await TimerCluster.CreateAsync();

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task TwoNodes_FireEachOfManyTimers_ExactlyOnce()
    {
        const int count = 24;
        var a = await cluster.StartNodeAsync("node-a");
        var b = await cluster.StartNodeAsync("node-b");

        // Both schedulers stand by while the timers are set up, so none fires before all are listed, however slowly
        // the machine starts 24 instances; they fire (late ones at once, as misfires) when the schedulers run again.
        await (await a.SchedulerAsync()).Standby();
        await (await b.SchedulerAsync()).Standby();
        await PublishAsync(a, TimerDefinitions.Delay("two-nodes", TimeSpan.FromSeconds(4)));

        // Half the instances start on each node, so each node's scheduler hands timers to Quartz.
        var instances = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var node = i % 2 == 0 ? a : b;
            instances.Add((await node.Runtime.StartAsync("two-nodes")).InstanceId);
        }

        var timers = await a.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 1000);
        Assert.Equal(count, timers.Count);
        await (await a.SchedulerAsync()).Start();
        await (await b.SchedulerAsync()).Start();
        await cluster.WaitUntilAsync(e => e.Count(x => x.Outcome == TimerJobOutcome.Fired) >= count, $"{count} timers fired");
        await cluster.WaitUntilJobsDeletedAsync(timers, "the fired timers' due-second jobs deleted");

        // Repair passes on both nodes create nothing: no timer is left unfired, and nothing is left that could fire again.
        Assert.Equal(0, (await a.Reconciler.ReconcileAsync()).JobsCreated);
        Assert.Equal(0, (await b.Reconciler.ReconcileAsync()).JobsCreated);
        Assert.Empty(await a.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 1000));
        await AssertNothingLeftToFireAsync(a);

        var executions = cluster.Executions;
        Assert.All(timers, t => Assert.Single(executions, x => x.TimerId == t.Id));
        Assert.Equal(count, executions.Count);
        foreach (var instanceId in instances)
        {
            var details = await a.Store.GetInstanceDetailsAsync(instanceId);
            Assert.Equal(WorkflowStatus.Finished, details!.Instance.Status);
            Assert.Single(details.Journal, j => j is { ActivityId: "wait", Outcome: "Done" });
        }
    }

    [Fact]
    public async Task OneNodeShutDown_TheOtherFiresItsTimers()
    {
        const int count = 8;
        var a = await cluster.StartNodeAsync("node-a");
        var b = await cluster.StartNodeAsync("node-b");

        // Node a stands by: it only hands timers to Quartz and cannot fire one itself before its shutdown, however
        // long the set-up takes on a busy machine.
        await (await a.SchedulerAsync()).Standby();
        await PublishAsync(a, TimerDefinitions.Delay("failover", TimeSpan.FromSeconds(4)));
        for (var i = 0; i < count; i++)
        {
            await a.Runtime.StartAsync("failover");
        }

        // Node a has handed every timer to Quartz (the reconciler pass makes sure) and then goes away before they are due.
        await a.Reconciler.ReconcileAsync();
        var seconds = (await a.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 100)).Select(t => DueSecond.Of(t.DueAt).Name).Distinct();
        Assert.Equal(seconds.Order(StringComparer.Ordinal), (await JobsAsync(a)).Select(k => k.Name).Order(StringComparer.Ordinal));
        await a.StopAsync();

        await cluster.WaitUntilAsync(e => e.Count(x => x.Outcome == TimerJobOutcome.Fired) >= count, $"{count} timers fired by node b");
        Assert.All(cluster.Executions, x => Assert.Equal(b.Id, x.Node));
        Assert.Equal(count, cluster.Executions.Count);
        Assert.Empty(await b.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 1000));
    }

    [Fact]
    public async Task NodeKilledInsideATimerJob_AnotherNodeRecoversTheTimerAndFiresIt()
    {
        var inside = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var a = await cluster.StartNodeAsync("node-a", hold: async () =>
        {
            inside.TrySetResult();
            await release.Task;
        });
        await PublishAsync(a, TimerDefinitions.Delay("killed", TimeSpan.FromSeconds(2)));
        var instanceId = (await a.Runtime.StartAsync("killed")).InstanceId;
        var timer = Assert.Single(await a.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 10));

        // Node a has taken the trigger and is inside the job when it dies: no hand-over, its check-ins just stop.
        await inside.Task.WaitAsync(TimerCluster.Patience);
        await (await a.SchedulerAsync()).Shutdown(waitForJobsToComplete: false);

        try
        {
            var b = await cluster.StartNodeAsync("node-b");
            await cluster.WaitUntilAsync(e => e.Any(x => x.Node == b.Id && x.Outcome == TimerJobOutcome.Fired), "node b recovered the dead node's timer");
            Assert.Equal(timer.Id, Assert.Single(cluster.Executions).TimerId);
            var details = await b.Store.GetInstanceDetailsAsync(instanceId);
            Assert.Equal(WorkflowStatus.Finished, details!.Instance.Status);
            Assert.Single(details.Journal, j => j is { ActivityId: "wait", Outcome: "Done" });
        }
        finally
        {
            release.TrySetResult();
        }
    }

    [Fact]
    public async Task FiringFails_TheJobRetriesLater_AndTheTimerFiresOnce()
    {
        // The timer's first resume cannot commit (the start's commit before it succeeds): the due second's job arms a
        // retry of that timer, keyed by its id.
        var a = await cluster.StartNodeAsync("node-a", decorateStore: store => FailingStore.Wrap(store, nameof(Engine.Storage.IWorkflowStore.CommitAsync), failures: 1, skip: 1));
        await PublishAsync(a, TimerDefinitions.Delay("retry", TimeSpan.FromSeconds(2)));
        var instanceId = (await a.Runtime.StartAsync("retry")).InstanceId;

        await cluster.WaitUntilAsync(e => e.Any(x => x.Outcome == TimerJobOutcome.Fired), "the timer fired on its retry");
        Assert.Equal([TimerJobOutcome.Failed, TimerJobOutcome.Fired], cluster.Executions.Select(x => x.Outcome));
        var details = await a.Store.GetInstanceDetailsAsync(instanceId);
        Assert.Equal(WorkflowStatus.Finished, details!.Instance.Status);
        Assert.Single(details.Journal, j => j is { ActivityId: "wait", Outcome: "Done" });
    }

    [Fact]
    public async Task DowntimeAcrossTheDueDate_FiresOnceAtStartUp()
    {
        // Node a only stores the timer and hands it to Quartz: its scheduler is in standby, so it cannot fire the timer
        // however long (on a busy machine) the steps up to its shutdown take. Before, it ran and, when these steps took
        // longer than the 2 s delay, fired the timer itself.
        var a = await cluster.StartNodeAsync("node-a");
        await (await a.SchedulerAsync()).Standby();
        await PublishAsync(a, TimerDefinitions.Delay("downtime", TimeSpan.FromSeconds(2)));
        var instanceId = (await a.Runtime.StartAsync("downtime")).InstanceId;
        var timer = Assert.Single(await a.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 10));
        await a.Reconciler.ReconcileAsync();
        Assert.Single(await JobsAsync(a));
        await a.StopAsync();

        // Every node is down while the timer falls due, and well past Quartz's misfire threshold (1 s here).
        var downFor = timer.DueAt - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(3);
        if (downFor > TimeSpan.Zero)
        {
            await Task.Delay(downFor, TimeProvider.System, CancellationToken.None);
        }

        Assert.Empty(cluster.Executions);
        var c = await cluster.StartNodeAsync("node-c");
        await cluster.WaitUntilAsync(e => e.Any(x => x.Outcome == TimerJobOutcome.Fired), "the missed timer fired at start-up");
        await cluster.WaitUntilJobsDeletedAsync([timer], "the fired timer's due-second job deleted");

        // Fired once; its one-shot trigger and job are gone, so nothing is left that could fire it again.
        var execution = Assert.Single(cluster.Executions);
        Assert.Equal((c.Id, timer.Id), (execution.Node, execution.TimerId));
        await AssertNothingLeftToFireAsync(c);
        var details = await c.Store.GetInstanceDetailsAsync(instanceId);
        Assert.Equal(WorkflowStatus.Finished, details!.Instance.Status);
        Assert.Single(details.Journal, j => j is { ActivityId: "wait", Outcome: "Done" });
    }

    [Fact]
    public async Task TaskAnsweredInTime_ItsTimerDoesNothing()
    {
        var a = await cluster.StartNodeAsync("node-a");

        // The scheduler stands by until the task is answered: "in time" must not depend on how fast the machine
        // gets there. The due second's job runs once it is back (late, as a misfire, if the set-up was slow).
        await (await a.SchedulerAsync()).Standby();
        await PublishAsync(a, TimerDefinitions.TaskDue("in-time", TimeProvider.System.GetUtcNow().AddSeconds(3)));
        var started = await a.Runtime.StartAsync("in-time");
        var timer = Assert.Single(await a.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 10));
        await a.Reconciler.ReconcileAsync();
        Assert.Single(await JobsAsync(a));

        // The applicant answers before the due date: the bookmark and its timer row go with that commit; the job of
        // the due second still fires and finds nothing to do.
        var task = Assert.Single(started.NewBookmarks);
        await a.Runtime.ResumeAsync(task.Id, new JsonObject { ["outcome"] = "Done" });
        await (await a.SchedulerAsync()).Start();
        await cluster.WaitUntilSecondRanAsync(timer, "the answered task's due second ran");

        Assert.Empty(cluster.Executions);
        var details = await a.Store.GetInstanceDetailsAsync(started.InstanceId);
        Assert.Equal(WorkflowStatus.Finished, details!.Instance.Status);
        Assert.DoesNotContain(details.Journal, j => j.Outcome == "Overdue");
    }

    [Fact]
    public async Task Reconciler_RecreatesAMissingJob_AndDeletesAnOrphan()
    {
        var a = await cluster.StartNodeAsync("node-a", o => o.ReconcileInterval = TimeSpan.FromHours(1));
        await PublishAsync(a, TimerDefinitions.Delay("drift", TimeSpan.FromHours(1)));

        // The process dies between the commit and handing the timer to Quartz: the timer is stored, no job exists.
        var crashing = ActivatorUtilities.CreateInstance<WorkflowRuntime>(a.Services, new LostHandOff());
        await crashing.StartAsync("drift");
        var timer = Assert.Single(await a.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 10));
        var scheduler = await a.SchedulerAsync();
        var second = DueSecond.Of(timer.DueAt);
        Assert.Null(await scheduler.GetJobDetail(second.JobKey));

        // And the job of a due second ahead whose timer is gone.
        var timers = a.Services.GetRequiredService<QuartzTimerScheduler>();
        var ghost = new WorkflowTimer("ghost-timer", "no-instance", "no-bookmark", TimeProvider.System.GetUtcNow().AddHours(2));
        Assert.Equal(1, await timers.ScheduleAsync([ghost]));

        Assert.Equal(new ReconcileResult(JobsCreated: 1, OrphansDeleted: 1), await a.Reconciler.ReconcileAsync());
        Assert.Equal([second.Name], (await JobsAsync(a)).Select(k => k.Name));
        var trigger = Assert.Single(await scheduler.GetTriggersOfJob(second.JobKey));
        Assert.Equal(second.Start, trigger.StartTimeUtc);
        Assert.True(trigger.StartTimeUtc <= timer.DueAt);
        Assert.Equal(new ReconcileResult(0, 0), await a.Reconciler.ReconcileAsync());
    }

    [Fact]
    public async Task SchedulingATimerTwice_IsHarmless_AndTimersOfOneSecondShareItsJob()
    {
        var a = await cluster.StartNodeAsync("node-a", o => o.ReconcileInterval = TimeSpan.FromHours(1));
        var due = DueSecond.Of(TimeProvider.System.GetUtcNow().AddHours(1)).Start;
        var timer = new WorkflowTimer("twice", "no-instance", "no-bookmark", due);
        var timers = a.Services.GetRequiredService<QuartzTimerScheduler>();
        Assert.Equal(1, await timers.ScheduleAsync([timer]));
        Assert.Equal(0, await timers.ScheduleAsync([timer]));

        // Others due within the same second need no job of their own.
        var sameSecond = Enumerable.Range(0, 3).Select(i => timer with { Id = $"same-{i}", DueAt = due.AddMilliseconds(300 * i) }).ToList();
        Assert.Equal(0, await timers.ScheduleAsync(sameSecond));

        // A batch with one second already scheduled stores the others and leaves that one alone.
        var others = Enumerable.Range(1, 3).Select(i => timer with { Id = $"batch-{i}", DueAt = due.AddSeconds(i) }).ToList();
        Assert.Equal(3, await timers.ScheduleAsync([timer, .. others]));
        Assert.Equal(0, await timers.ScheduleAsync([.. others, timer]));
        Assert.Equal(4, (await JobsAsync(a)).Count);
    }

    [Fact]
    public async Task ATimerHandedOverOnceItsSecondHasBegun_GetsAJobOfItsOwn_AndFiresOnce()
    {
        var a = await cluster.StartNodeAsync("node-a", o => o.ReconcileInterval = TimeSpan.FromHours(1));
        await PublishAsync(a, TimerDefinitions.Delay("late", TimeSpan.FromHours(1)));
        var lost = ActivatorUtilities.CreateInstance<WorkflowRuntime>(a.Services, new LostHandOff());
        var instanceId = (await lost.StartAsync("late")).InstanceId;
        var stored = Assert.Single(await a.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 10));

        // As if the hand-off came only after the due second had begun (a slow pump): that second's job may have read
        // the store already, so the timer gets a job keyed by its own id, due at once; handing it over twice is harmless.
        var late = stored with { DueAt = TimeProvider.System.GetUtcNow().AddSeconds(-1) };
        var timers = a.Services.GetRequiredService<QuartzTimerScheduler>();
        var scheduler = await a.SchedulerAsync();
        await scheduler.Standby();   // so the job cannot fire and be gone between the two hand-overs
        Assert.Equal(1, await timers.ScheduleAsync([late]));
        Assert.Equal(0, await timers.ScheduleAsync([late]));
        Assert.NotNull(await scheduler.GetJobDetail(QuartzTimerScheduler.JobKeyOf(stored.Id)));
        await scheduler.Start();

        await cluster.WaitUntilAsync(e => e.Any(x => x.TimerId == stored.Id), "the late timer's own job ran");
        var execution = Assert.Single(cluster.Executions);
        Assert.Equal(TimerJobOutcome.Fired, execution.Outcome);
        Assert.Equal(WorkflowStatus.Finished, (await a.Store.FindInstanceAsync(instanceId))!.Status);
    }

    private sealed class LostHandOff : ITimerScheduler
    {
        public void OnTimersCommitted(IReadOnlyList<WorkflowTimer> timers)
        {
        }
    }

    private static async Task PublishAsync(TimerNode node, JsonObject definition) =>
        await node.Services.GetRequiredService<WorkflowDefinitionService>().PublishAsync(definition);

    /// <summary>Every timer job left (Quartz deletes fired ones as it completes them) has no firing ahead.</summary>
    private static async Task AssertNothingLeftToFireAsync(TimerNode node)
    {
        var scheduler = await node.SchedulerAsync();
        foreach (var job in await JobsAsync(node))
        {
            Assert.All(await scheduler.GetTriggersOfJob(job), t => Assert.Null(t.NextFireTimeUtc));
        }
    }

    private static async Task<IReadOnlyCollection<JobKey>> JobsAsync(TimerNode node)
    {
        var scheduler = await node.SchedulerAsync();
        var seconds = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.SecondGroup));
        var own = await scheduler.GetJobKeys(GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.JobGroup));
        return [.. seconds, .. own];
    }
}
