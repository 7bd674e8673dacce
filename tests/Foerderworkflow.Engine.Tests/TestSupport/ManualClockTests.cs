namespace Foerderworkflow.Engine.Tests.TestSupport;

public sealed class ManualClockTests
{
    private readonly ManualClock clock = new();

    [Fact]
    public async Task Delay_ClockAdvancedPastIt_Completes()
    {
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock);

        clock.Advance(TimeSpan.FromMinutes(4));
        Assert.False(delay.IsCompleted);

        clock.Advance(TimeSpan.FromMinutes(1));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Delay_Cancelled_DisarmsItsTimer()
    {
        using var cancellation = new CancellationTokenSource();
        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock, cancellation.Token);
        Assert.Equal(1, clock.ArmedTimerCount);

        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => delay);
        Assert.Equal(0, clock.ArmedTimerCount);
    }

    [Fact]
    public void CreateTimer_Periodic_FiresOncePerPeriodPassed()
    {
        var ticks = 0;
        using var timer = clock.CreateTimer(_ => ticks++, null, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(10));

        clock.Advance(TimeSpan.FromSeconds(35));

        Assert.Equal(3, ticks);
    }

    [Fact]
    public void UtcNow_SetBackwards_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => clock.UtcNow = ManualClock.DefaultStart.AddSeconds(-1));

    [Fact]
    public void GetTimestamp_FollowsTheClock()
    {
        var start = clock.GetTimestamp();

        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(TimeSpan.FromSeconds(3), clock.GetElapsedTime(start));
    }
}
