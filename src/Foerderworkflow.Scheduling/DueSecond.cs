using System.Globalization;
using Quartz;

namespace Foerderworkflow.Scheduling;

/// <summary>
/// One second of due times, [<see cref="Start"/>, <see cref="End"/>): the unit Quartz fires. All timers due within it
/// share one Quartz job, named by the second (<c>yyyyMMddTHHmmssZ</c>, so names sort chronologically).
/// </summary>
/// <remarks>
/// Why not one job per timer: every Quartz firing is an acquisition and a completion in Quartz's tables under its
/// cluster lock, which caps Quartz at a few dozen firings per second on these stores (measured beside the timer
/// benchmark), while funding deadlines bunch up (every deadline is 24:00 of a day). One job per second turns 10,000
/// timers due at once into one firing, and the engine fires the timers themselves in parallel.
/// </remarks>
public readonly record struct DueSecond
{
    private const string NameFormat = "yyyyMMdd'T'HHmmss'Z'";

    private DueSecond(DateTimeOffset start) => Start = start;

    public DateTimeOffset Start { get; }

    public DateTimeOffset End => Start.AddSeconds(1);

    public string Name => Start.UtcDateTime.ToString(NameFormat, CultureInfo.InvariantCulture);

    public JobKey JobKey => new(Name, QuartzTimerOptions.SecondGroup);

    public static DueSecond Of(DateTimeOffset dueAt)
    {
        var utc = dueAt.ToUniversalTime();
        return new DueSecond(new DateTimeOffset(utc.Ticks - (utc.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero));
    }

    public static bool TryParse(string name, out DueSecond second)
    {
        var ok = DateTimeOffset.TryParseExact(name, NameFormat, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var start);
        second = ok ? new DueSecond(start) : default;
        return ok;
    }

    public override string ToString() => Name;
}
