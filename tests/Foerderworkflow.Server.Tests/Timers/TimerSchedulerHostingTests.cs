using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Timers;
using Foerderworkflow.Scheduling;
using Foerderworkflow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Foerderworkflow.Server.Tests.Timers;

/// <summary>The server's timer wiring: Quartz on SQLite beside the workflow database by default, polling on request.</summary>
public sealed class TimerSchedulerHostingTests : IDisposable
{
    // Quartz fires the timers in real time, so this server runs on the real clock.
    private readonly ServerFactory factory = ServerFactory.WithRealClock();

    public void Dispose() => factory.Dispose();

    [Fact]
    public async Task EmbeddedDefault_FiresADelayThroughQuartz()
    {
        var services = factory.Services;
        Assert.IsType<QuartzTimerScheduler>(services.GetRequiredService<ITimerScheduler>());
        var fired = new TaskCompletionSource<TimerJobOutcome?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var scheduler = await services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        scheduler.ListenerManager.AddJobListener(new Signal(fired), [GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.JobGroup), GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.SecondGroup)]);

        await services.GetRequiredService<WorkflowDefinitionService>().PublishAsync(Delay("server-delay", "00:00:01"));
        var run = await services.GetRequiredService<WorkflowRuntime>().StartAsync("server-delay");
        Assert.Equal(WorkflowStatus.Suspended, run.Status);

        Assert.Equal(TimerJobOutcome.Fired, await fired.Task.WaitAsync(TimeSpan.FromSeconds(60)));
        var details = await services.GetRequiredService<Engine.Storage.IWorkflowStore>().GetInstanceDetailsAsync(run.InstanceId);
        Assert.Equal(WorkflowStatus.Finished, details!.Instance.Status);
    }

    [Fact]
    public void TimersSchedulerPolling_KeepsTheInProcessLoop()
    {
        using var polling = factory.WithWebHostBuilder(b => b.UseSetting("Timers:Scheduler", "Polling"));
        Assert.IsType<PollingTimerScheduler>(polling.Services.GetRequiredService<ITimerScheduler>());
    }

    private static JsonObject Delay(string definitionId, string timeSpan) => FlowchartJson.Flowchart(
        definitionId,
        definitionId,
        [FlowchartJson.Activity("start", "Elsa.Start"), FlowchartJson.Activity("wait", "Elsa.Delay", ("timeSpan", timeSpan)), FlowchartJson.Activity("end", "Elsa.End")],
        [("start", "Done", "wait"), ("wait", "Done", "end")]);

    private sealed class Signal(TaskCompletionSource<TimerJobOutcome?> fired) : IJobListener
    {
        public string Name => "server-test-signal";

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if ((context.Result as IEnumerable<TimerRun>)?.FirstOrDefault() is { } run)
            {
                fired.TrySetResult(run.Outcome);
            }

            return ValueTask.CompletedTask;
        }
    }
}
