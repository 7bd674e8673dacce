namespace Foerderworkflow.Server.Tests;

/// <summary>
/// The test server's clock: starts at a fixed calendar moment (<see cref="Start"/>) and runs on with the real elapsed
/// time, so the tests do not depend on today's date (no budget-year change on 21 December), while leases, tokens and
/// background loops still see time pass. <see cref="Advance"/> moves it on. Timers are the real ones.
/// </summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    /// <summary>
    /// Monday, 2 March of next year, 09:00 UTC: well inside a budget year, and in the future, so workflow timers the
    /// server schedules (deadlines, reminders) never come due in real time during a test run.
    /// </summary>
    public static readonly DateTimeOffset Start = MondayInMarch(System.GetUtcNow().Year + 1);

    private readonly long startedAt = System.GetTimestamp();
    private TimeSpan offset;

    public override DateTimeOffset GetUtcNow() => start + offset + System.GetElapsedTime(startedAt);

    public void Advance(TimeSpan delta) => offset += delta;

    private static DateTimeOffset MondayInMarch(int year)
    {
        var day = new DateTimeOffset(year, 3, 1, 9, 0, 0, TimeSpan.Zero);
        while (day.DayOfWeek != DayOfWeek.Monday)
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
