using System.Collections.Concurrent;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Tests.TestSupport;
using Foerderworkflow.Engine.Timers;

namespace Foerderworkflow.Engine.Tests.Timers;

public sealed class PollingTimerSchedulerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly EngineFixture engine = new();
    private readonly PollingTimerScheduler scheduler;
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentQueue<(WorkflowTimer Timer, RunResult? Result)> firings = new();
    private readonly SemaphoreSlim fired = new(0);

    public PollingTimerSchedulerTests() => scheduler = new PollingTimerScheduler(engine.Store, engine.Clock);

    public void Dispose()
    {
        fired.Dispose();
        stop.Dispose();
        scheduler.Dispose();
        engine.Dispose();
    }

    [Fact]
    public async Task FireDueAsync_SeveralTimers_FiresOnlyTheDueOnes()
    {
        await engine.RunAsync(Flows.Delayed(TimeSpan.FromHours(1)));
        await engine.RunAsync(Flows.Delayed(TimeSpan.FromHours(2)));
        await engine.RunAsync(Flows.Delayed(TimeSpan.FromHours(3)));

        engine.Clock.Advance(TimeSpan.FromHours(2));

        Assert.Equal(2, await engine.FireDueTimersAsync());
        Assert.Equal(FakeClock.DefaultStart.AddHours(3), Assert.Single(engine.Store.Timers).DueAt);
    }

    [Fact]
    public async Task RunAsync_ClockReachesTheNextTimer_FiresIt()
    {
        await engine.RunAsync(Flows.Delayed(TimeSpan.FromHours(1)));
        var running = await StartSleepingAsync();

        engine.Clock.Advance(TimeSpan.FromMinutes(59));
        Assert.Empty(firings);
        engine.Clock.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(FakeClock.DefaultStart.AddHours(1), (await NextFiringAsync()).Timer.DueAt);
        await StopAsync(running);
    }

    [Fact]
    public async Task RunAsync_CommitBringsAnEarlierTimer_WakesAndFiresIt()
    {
        var running = await StartSleepingAsync();

        await engine.RunAsync(Flows.Delayed(TimeSpan.FromSeconds(30)));
        var armed = engine.Clock.WhenTimerArmedAsync();
        scheduler.OnTimersCommitted(engine.Timers.Committed);
        await armed.WaitAsync(Patience);
        engine.Clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(FakeClock.DefaultStart.AddSeconds(30), (await NextFiringAsync()).Timer.DueAt);
        await StopAsync(running);
    }

    [Fact]
    public async Task RunAsync_DueTimerOfAFaultedInstance_SleepsInsteadOfSpinning()
    {
        var run = await StartFaultedWithOverdueTaskAsync();

        var running = await StartSleepingAsync();

        Assert.Null(Assert.Single(firings).Result);
        Assert.Equal(WorkflowStatus.Faulted, (await engine.InstanceAsync(run.InstanceId)).Status);
        Assert.Single(engine.Store.Timers);
        await StopAsync(running);
    }

    [Fact]
    public async Task RunAsync_FaultedInstanceRetried_FiresItsTimerOnTheNextPoll()
    {
        var run = await StartFaultedWithOverdueTaskAsync();
        var running = await StartSleepingAsync();
        await NextFiringAsync();

        await engine.Runtime.RetryAsync(run.InstanceId);
        engine.Clock.Advance(PollingTimerScheduler.MaxSleep);

        Assert.Equal(WorkflowStatus.Finished, (await NextFiringAsync()).Result?.Status);
        Assert.Empty(engine.Store.Timers);
        await StopAsync(running);
    }

    [Fact]
    public async Task RunAsync_StoreUnreachable_BacksOffAndFiresOnceItIsBack()
    {
        await engine.RunAsync(Flows.Delayed(TimeSpan.FromMinutes(1)));
        engine.Clock.Advance(TimeSpan.FromMinutes(1));
        engine.Store.TimersUnavailable = new TimeoutException("Datenbank antwortet nicht");

        var running = await StartSleepingAsync();
        engine.Store.TimersUnavailable = null;
        engine.Clock.Advance(PollingTimerScheduler.MaxSleep);

        Assert.NotNull((await NextFiringAsync()).Result);
        await StopAsync(running);
    }

    private async Task<RunResult> StartFaultedWithOverdueTaskAsync()
    {
        var run = await engine.RunAsync(Flows.TaskBesideFlaky(FlakyActivity.FailNextRuns(1), FakeClock.DefaultStart.AddHours(1)));
        Assert.Equal(WorkflowStatus.Faulted, run.Status);
        engine.Clock.Advance(TimeSpan.FromHours(2));
        return run;
    }

    /// <summary>Runs the scheduler until it has made its first pass and sleeps on the clock.</summary>
    private async Task<Task> StartSleepingAsync()
    {
        var armed = engine.Clock.WhenTimerArmedAsync();
        var running = scheduler.RunAsync(FireAsync, stop.Token);
        await armed.WaitAsync(Patience);
        return running;
    }

    private async Task FireAsync(WorkflowTimer timer, CancellationToken cancellationToken)
    {
        firings.Enqueue((timer, await engine.Runtime.FireTimerAsync(timer, cancellationToken)));
        fired.Release();
    }

    private async Task<(WorkflowTimer Timer, RunResult? Result)> NextFiringAsync()
    {
        Assert.True(await fired.WaitAsync(Patience), "The scheduler fired nothing.");
        Assert.True(firings.TryDequeue(out var firing));
        return firing;
    }

    private async Task StopAsync(Task running)
    {
        await stop.CancelAsync();
        var error = await Record.ExceptionAsync(() => running.WaitAsync(Patience));
        Assert.True(error is null or OperationCanceledException, error?.ToString());
    }
}
