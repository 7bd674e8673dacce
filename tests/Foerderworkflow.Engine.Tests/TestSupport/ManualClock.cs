namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>
/// A clock that moves only when a test moves it. Timers created through it (<see cref="Task.Delay(TimeSpan, TimeProvider)"/>,
/// <see cref="TimeProvider.CreateTimer"/>) fire synchronously on the thread that advances the clock past their due time.
/// </summary>
public sealed class ManualClock : TimeProvider
{
    /// <summary>A fixed, unremarkable moment: Monday, 3 March 2025, 09:00 UTC.</summary>
    public static readonly DateTimeOffset DefaultStart = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    private readonly Lock gate = new();
    private readonly List<ManualTimer> timers = [];
    private readonly List<TaskCompletionSource> armedWaiters = [];
    private DateTimeOffset now;

    public ManualClock()
        : this(DefaultStart)
    {
    }

    public ManualClock(DateTimeOffset start) => now = start.ToUniversalTime();

    /// <summary>The current time; setting it moves the clock forward (never back) and fires what has become due.</summary>
    public DateTimeOffset UtcNow
    {
        get
        {
            lock (gate)
            {
                return now;
            }
        }

        set
        {
            lock (gate)
            {
                ArgumentOutOfRangeException.ThrowIfLessThan(value, now);
                now = value.ToUniversalTime();
            }

            FireDueTimers();
        }
    }

    public override TimeZoneInfo LocalTimeZone => TimeZoneInfo.Utc;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;

    /// <summary>How many timers are armed (have a finite due time and are not disposed).</summary>
    public int ArmedTimerCount
    {
        get
        {
            lock (gate)
            {
                return timers.Count(t => t.DueAt is not null);
            }
        }
    }

    public void Advance(TimeSpan delta)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delta, TimeSpan.Zero);
        UtcNow += delta;
    }

    public override DateTimeOffset GetUtcNow() => UtcNow;

    public override long GetTimestamp() => UtcNow.UtcTicks;

    /// <summary>Completes when the next timer is armed, so a test can move the clock only once something sleeps on it.</summary>
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
        ArgumentNullException.ThrowIfNull(callback);
        var timer = new ManualTimer(this, callback, state);
        lock (gate)
        {
            timers.Add(timer);
        }

        timer.Change(dueTime, period);
        return timer;
    }

    private void Arm(ManualTimer timer, TimeSpan dueTime, TimeSpan period)
    {
        List<TaskCompletionSource> woken;
        lock (gate)
        {
            timer.Period = period;
            timer.DueAt = dueTime == Timeout.InfiniteTimeSpan ? null : now + dueTime;
            if (timer.DueAt is null)
            {
                return;
            }

            woken = [.. armedWaiters];
            armedWaiters.Clear();
        }

        foreach (var waiter in woken)
        {
            waiter.TrySetResult();
        }

        FireDueTimers();
    }

    private void Remove(ManualTimer timer)
    {
        lock (gate)
        {
            timers.Remove(timer);
        }
    }

    // Fires one due timer at a time, outside the lock, so callbacks may use the clock (and create timers) freely.
    private void FireDueTimers()
    {
        while (true)
        {
            ManualTimer? due;
            lock (gate)
            {
                due = timers.Where(t => t.DueAt <= now).MinBy(t => t.DueAt);
                if (due is null)
                {
                    return;
                }

                due.DueAt = due.Period is { } period && period > TimeSpan.Zero && period != Timeout.InfiniteTimeSpan
                    ? due.DueAt + period
                    : null;
            }

            due.Fire();
        }
    }

    private sealed class ManualTimer(ManualClock clock, TimerCallback callback, object? state) : ITimer
    {
        private bool disposed;

        public DateTimeOffset? DueAt { get; set; }

        public TimeSpan? Period { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            if (Volatile.Read(ref disposed))
            {
                return false;
            }

            clock.Arm(this, dueTime, period);
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            Volatile.Write(ref disposed, true);
            clock.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
