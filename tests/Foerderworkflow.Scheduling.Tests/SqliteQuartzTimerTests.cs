using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Runtime;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Scheduling.Tests;

/// <summary>The embedded default: Quartz on SQLite in a file beside the workflow database, one node.</summary>
public sealed class SqliteQuartzTimerTests : IAsyncLifetime
{
    private readonly TimerCluster cluster = TimerCluster.CreateSqlite();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await cluster.DisposeAsync();

    [Fact]
    public async Task ATimerFires_AndOneMissedWhileDown_FiresOnceAfterTheRestart()
    {
        var node = await cluster.StartNodeAsync("embedded");
        await node.Services.GetRequiredService<WorkflowDefinitionService>().PublishAsync(TimerDefinitions.Delay("sqlite", TimeSpan.FromSeconds(2)));
        var first = await node.Runtime.StartAsync("sqlite");
        await cluster.WaitUntilAsync(e => e.Any(x => x.Outcome == TimerJobOutcome.Fired), "the first timer fired");
        Assert.Equal(WorkflowStatus.Finished, (await node.Store.FindInstanceAsync(first.InstanceId))!.Status);

        // A second timer falls due while the only node is down; the restarted node fires it once. The node stands by
        // from here, so that it cannot fire that timer itself when the steps up to its shutdown take longer than 2 s.
        await (await node.SchedulerAsync()).Standby();
        var second = await node.Runtime.StartAsync("sqlite");
        var timer = Assert.Single(await node.Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 10));
        await node.Reconciler.ReconcileAsync();
        await node.StopAsync();
        var downFor = timer.DueAt - TimeProvider.System.GetUtcNow() + TimeSpan.FromSeconds(3);
        if (downFor > TimeSpan.Zero)
        {
            await Task.Delay(downFor, TimeProvider.System, CancellationToken.None);
        }

        var restarted = await cluster.StartNodeAsync("embedded-again");
        await cluster.WaitUntilAsync(e => e.Count(x => x.Outcome == TimerJobOutcome.Fired) >= 2, "the missed timer fired after the restart");
        Assert.Equal(restarted.Id, Assert.Single(cluster.Executions, x => x.TimerId == timer.Id).Node);
        Assert.Equal(WorkflowStatus.Finished, (await restarted.Store.FindInstanceAsync(second.InstanceId))!.Status);
    }
}
