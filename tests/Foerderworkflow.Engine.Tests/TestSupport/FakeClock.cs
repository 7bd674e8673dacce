using Microsoft.Extensions.Time.Testing;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>
/// The platform's <see cref="FakeTimeProvider"/> (moves only when a test moves it; due timers fire on the thread that
/// advances it), which also tells a test when a timer is armed: the relay and the scheduler sleep on the clock in a
/// background loop, and a test may move the clock only once they do.
/// </summary>
public sealed class FakeClock : FakeTimeProvider
{
    /// <summary>A fixed, unremarkable moment: Monday, 3 March 2025, 09:00 UTC.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly Lock gate = new();
    private readonly List<TaskCompletionSource> armedWaiters = [];

    public FakeClock()
        : base(DefaultStart)
    {
    }

    /// <summary>Completes when the next timer is armed (created or changed with a finite due time).</summary>
    public Task WhenTimerArmedAsync()
    {
        var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            armedWaiters.Add(waiter);
        }

        return waiter.Task;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new ObservedTimer(base.CreateTimer(callback, state, dueTime, period), this);
        Armed(dueTime);
        return timer;
    }

    private void Armed(TimeSpan dueTime)
    {
        if (dueTime == Timeout.InfiniteTimeSpan)
        {
            return;
        }

        List<TaskCompletionSource> woken;
        lock (gate)
        {
            woken = [.. armedWaiters];
            armedWaiters.Clear();
        }

        foreach (var waiter in woken)
        {
            waiter.TrySetResult();
        }
    }

    private sealed class ObservedTimer(ITimer inner, FakeClock clock) : ITimer
    {
        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            var changed = inner.Change(dueTime, period);
            if (changed)
            {
                clock.Armed(dueTime);
            }

            return changed;
        }

        public void Dispose() => inner.Dispose();

        public ValueTask DisposeAsync() => inner.DisposeAsync();
    }
}
