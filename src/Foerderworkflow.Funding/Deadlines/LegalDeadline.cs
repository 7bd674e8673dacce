namespace Foerderworkflow.Funding.Deadlines;

/// <summary>
/// The end of a legal period as the BGB computes it (§§ 187–193): counted from an event, ended on the day with the
/// same name or number, moved off Saturdays, Sundays and the state's public holidays.
/// </summary>
/// <remarks>
/// The period runs until the <em>end</em> (24:00, local time at the place of performance) of the returned day.
/// Only periods that start with an event are covered (§ 187 (1)); periods that begin at the start of a day
/// (§ 187 (2), e.g. ages) are not.
/// </remarks>
public static class LegalDeadline
{
    /// <summary>
    /// The last day of <paramref name="period"/> counted from <paramref name="eventDay"/> (the day the event — receipt
    /// of a notice, a decision — happened), moved by § 193 BGB to a working day in <paramref name="state"/>.
    /// </summary>
    /// <remarks>
    /// § 187 (1): the event day itself is not counted. § 188 (1): a period of n days ends at the end of the n-th day
    /// after it. § 188 (2): weeks end on the weekday named like the event day, months and years on the day numbered like
    /// it. § 188 (3): if that month has no such day, the period ends on its last day (31 January + 1 month → 28 or
    /// 29 February). § 193: a last day that is a Saturday, Sunday or public holiday gives way to the next working day.
    /// </remarks>
    public static DateOnly Add(DateOnly eventDay, Period period, FederalState state) =>
        MoveToWorkingDay(EndOfPeriod(eventDay, period), state);

    /// <summary>The last day of the period by §§ 187 (1), 188 BGB alone, before § 193 moves it.</summary>
    public static DateOnly EndOfPeriod(DateOnly eventDay, Period period) => period.Unit switch
    {
        // DateOnly.AddMonths/AddYears already clamp to the month's last day, which is § 188 (3).
        PeriodUnit.Days when period.Count >= 1 => eventDay.AddDays(period.Count),
        PeriodUnit.Weeks when period.Count >= 1 => eventDay.AddDays(7 * period.Count),
        PeriodUnit.Months when period.Count >= 1 => eventDay.AddMonths(period.Count),
        PeriodUnit.Years when period.Count >= 1 => eventDay.AddYears(period.Count),
        _ => throw new ArgumentException(
            "Create periods with Period.Days, Weeks, Months or Years (count at least 1).", nameof(period)),
    };

    /// <summary>Whether <paramref name="day"/> is neither a Saturday, a Sunday nor a public holiday in
    /// <paramref name="state"/>.</summary>
    public static bool IsWorkingDay(DateOnly day, FederalState state) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !PublicHolidays.IsHoliday(day, state);

    /// <summary>The first working day strictly after <paramref name="day"/> in <paramref name="state"/>.</summary>
    public static DateOnly NextWorkingDay(DateOnly day, FederalState state) =>
        MoveToWorkingDay(day.AddDays(1), state);

    /// <summary>§ 193 BGB: <paramref name="day"/> itself if it is a working day in <paramref name="state"/>, otherwise
    /// the next working day.</summary>
    public static DateOnly MoveToWorkingDay(DateOnly day, FederalState state)
    {
        while (!IsWorkingDay(day, state))
        {
            day = day.AddDays(1);
        }

        return day;
    }
}
