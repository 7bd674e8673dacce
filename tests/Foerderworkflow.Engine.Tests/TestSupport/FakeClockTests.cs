namespace Foerderworkflow.Engine.Tests.TestSupport;

public sealed class FakeClockTests
{
    private readonly FakeClock clock = new();

    [Fact]
    public async Task WhenTimerArmed_CompletesOnceSomethingSleepsOnTheClock()
    {
        var armed = clock.WhenTimerArmedAsync();
        Assert.False(armed.IsCompleted);

        var delay = Task.Delay(TimeSpan.FromMinutes(5), clock);

        await armed.WaitAsync(TimeSpan.FromSeconds(10));
        clock.Advance(TimeSpan.FromMinutes(5));
        await delay.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void Timer_ChangedToInfinite_DoesNotCountAsArmed()
    {
        using var timer = clock.CreateTimer(_ => { }, null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        var armed = clock.WhenTimerArmedAsync();

        timer.Change(Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
        Assert.False(armed.IsCompleted);

        timer.Change(TimeSpan.FromSeconds(1), Timeout.InfiniteTimeSpan);
        Assert.True(armed.IsCompleted);
    }
}
