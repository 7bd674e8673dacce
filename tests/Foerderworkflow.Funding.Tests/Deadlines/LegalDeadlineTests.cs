using System.Globalization;
using Foerderworkflow.Funding.Deadlines;

namespace Foerderworkflow.Funding.Tests.Deadlines;

public sealed class LegalDeadlineTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Theory]
    [InlineData("2025-01-31", "2025-02-28")] // § 188 (3): February has no 31st
    [InlineData("2024-01-31", "2024-02-29")] // leap year
    [InlineData("2025-01-30", "2025-02-28")]
    [InlineData("2025-03-31", "2025-04-30")] // Wednesday; April has no 31st
    [InlineData("2026-03-15", "2026-04-15")]
    public void Add_OneMonth_EndsOnTheSameNumberOrTheMonthsLastDay(string eventDay, string expected) =>
        Assert.Equal(D(expected), LegalDeadline.Add(D(eventDay), Period.Months(1), FederalState.NW));

    [Fact]
    public void Add_OneMonthFromEndOfFebruary_EndsOnTheSameNumberNotTheMonthsEnd() =>
        Assert.Equal(D("2025-03-28"), LegalDeadline.Add(D("2025-02-28"), Period.Months(1), FederalState.NW));

    [Fact]
    public void Add_MonthsAcrossTheYear_EndsOnTheSameNumber() =>
        Assert.Equal(D("2027-02-15"), LegalDeadline.Add(D("2026-11-15"), Period.Months(3), FederalState.NW));

    [Fact]
    public void Add_PeriodEndingOnSaturday_MovesToMonday()
    {
        // Saturday 3 May 2025 + 2 weeks = Saturday 17 May 2025.
        Assert.Equal(D("2025-05-17"), LegalDeadline.EndOfPeriod(D("2025-05-03"), Period.Weeks(2)));
        Assert.Equal(D("2025-05-19"), LegalDeadline.Add(D("2025-05-03"), Period.Weeks(2), FederalState.NW));
    }

    [Fact]
    public void Add_MonthEndingOnSunday_MovesToMonday() =>
        Assert.Equal(D("2025-12-01"), LegalDeadline.Add(D("2025-10-31"), Period.Months(1), FederalState.NW));

    [Fact]
    public void Add_PeriodEndingOnGoodFriday_MovesToTheTuesdayAfterEasterMonday()
    {
        // Friday 20 March 2026 + 2 weeks = Good Friday, 3 April 2026.
        Assert.Equal(D("2026-04-03"), LegalDeadline.EndOfPeriod(D("2026-03-20"), Period.Weeks(2)));
        Assert.Equal(D("2026-04-07"), LegalDeadline.Add(D("2026-03-20"), Period.Weeks(2), FederalState.NW));
    }

    [Theory]
    [InlineData("2026-06-10", 1, "2026-06-17")] // Wednesday → Wednesday
    [InlineData("2026-06-10", 2, "2026-06-24")]
    [InlineData("2026-06-10", 6, "2026-07-22")]
    [InlineData("2026-12-16", 3, "2027-01-06")] // across the year; Epiphany is no holiday in NRW
    public void Add_Weeks_EndsOnTheWeekdayNamedLikeTheEventDay(string eventDay, int weeks, string expected)
    {
        var end = LegalDeadline.Add(D(eventDay), Period.Weeks(weeks), FederalState.NW);

        Assert.Equal(D(expected), end);
        Assert.Equal(D(eventDay).DayOfWeek, end.DayOfWeek);
    }

    [Fact]
    public void Add_WeeksEndingOnEpiphany_MovesOnlyWhereEpiphanyIsAHoliday()
    {
        Assert.Equal(D("2027-01-06"), LegalDeadline.Add(D("2026-12-16"), Period.Weeks(3), FederalState.NW));
        Assert.Equal(D("2027-01-07"), LegalDeadline.Add(D("2026-12-16"), Period.Weeks(3), FederalState.BY));
    }

    [Theory]
    [InlineData("2026-06-10", 1, "2026-06-11")] // the event day is not counted (§ 187 (1))
    [InlineData("2026-06-10", 14, "2026-06-24")]
    [InlineData("2026-06-10", 10, "2026-06-22")] // Saturday 20 June → Monday
    public void Add_Days_CountsFromTheDayAfterTheEvent(string eventDay, int days, string expected) =>
        Assert.Equal(D(expected), LegalDeadline.Add(D(eventDay), Period.Days(days), FederalState.NW));

    [Theory]
    [InlineData(FederalState.NW, "2026-06-05")] // Fronleichnam, Thursday 4 June 2026
    [InlineData(FederalState.BY, "2026-06-05")]
    [InlineData(FederalState.BE, "2026-06-04")]
    [InlineData(FederalState.SN, "2026-06-04")]
    public void Add_PeriodEndingOnCorpusChristi_DependsOnTheState(FederalState state, string expected) =>
        Assert.Equal(D(expected), LegalDeadline.Add(D("2026-05-21"), Period.Weeks(2), state));

    [Theory]
    [InlineData(FederalState.SN, "2026-11-19")] // Buß- und Bettag, Wednesday 18 November 2026
    [InlineData(FederalState.NW, "2026-11-18")]
    public void Add_PeriodEndingOnRepentanceDay_MovesOnlyInSachsen(FederalState state, string expected) =>
        Assert.Equal(D(expected), LegalDeadline.Add(D("2026-11-04"), Period.Weeks(2), state));

    [Fact]
    public void Add_PeriodEndingOnBoxingDaySaturday_SkipsTheWeekend() =>
        Assert.Equal(D("2026-12-28"), LegalDeadline.Add(D("2026-11-26"), Period.Months(1), FederalState.NW));

    [Fact]
    public void Add_PeriodEndingOnNewYear_SkipsHolidayAndWeekend() =>
        Assert.Equal(D("2027-01-04"), LegalDeadline.Add(D("2026-12-01"), Period.Months(1), FederalState.NW));

    [Fact]
    public void Add_EventOnAHoliday_StillCountsFromTheNextDay() =>
        // § 193 moves only the end: 25 December 2026 + 1 week = New Year's Day (Friday) → Monday 4 January.
        Assert.Equal(D("2027-01-04"), LegalDeadline.Add(D("2026-12-25"), Period.Weeks(1), FederalState.NW));

    [Theory]
    [InlineData("2024-02-29", "2025-02-28")]
    [InlineData("2025-06-16", "2026-06-16")]
    public void Add_OneYear_EndsOnTheSameDateOrTheMonthsLastDay(string eventDay, string expected) =>
        Assert.Equal(D(expected), LegalDeadline.Add(D(eventDay), Period.Years(1), FederalState.NW));

    [Theory]
    [InlineData("2026-06-12", "2026-06-15")] // Friday → Monday
    [InlineData("2026-06-13", "2026-06-15")] // Saturday → Monday
    [InlineData("2026-04-02", "2026-04-07")] // Thursday before Good Friday → Tuesday after Easter Monday
    [InlineData("2026-06-09", "2026-06-10")]
    public void NextWorkingDay_AnyDay_IsTheFirstWorkingDayStrictlyAfter(string day, string expected) =>
        Assert.Equal(D(expected), LegalDeadline.NextWorkingDay(D(day), FederalState.NW));

    [Theory]
    [InlineData("2026-06-10", "2026-06-10")] // a working day stays
    [InlineData("2026-06-13", "2026-06-15")]
    [InlineData("2026-11-01", "2026-11-02")] // All Saints is a Sunday in 2026
    public void MoveToWorkingDay_AnyDay_KeepsWorkingDaysAndMovesTheRest(string day, string expected) =>
        Assert.Equal(D(expected), LegalDeadline.MoveToWorkingDay(D(day), FederalState.NW));

    [Theory]
    [InlineData("2026-10-31", FederalState.SN, false)] // Saturday and Reformationstag
    [InlineData("2026-10-30", FederalState.SN, true)]
    [InlineData("2026-09-21", FederalState.TH, true)]
    [InlineData("2026-03-09", FederalState.BE, true)]
    public void IsWorkingDay_StateSpecificDays_AreJudgedPerState(string day, FederalState state, bool expected) =>
        Assert.Equal(expected, LegalDeadline.IsWorkingDay(D(day), state));

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void Period_CountBelowOne_IsRejected(int count) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => Period.Days(count));

    [Fact]
    public void Add_DefaultPeriod_IsRejected() =>
        Assert.Throws<ArgumentException>(() => LegalDeadline.Add(D("2026-06-10"), default, FederalState.NW));

    [Fact]
    public void Add_EveryDayOfSeveralYears_EndsOnAWorkingDayNoEarlierThanThePeriodsEnd()
    {
        Period[] periods = [Period.Days(1), Period.Days(10), Period.Weeks(2), Period.Months(1), Period.Months(6)];
        foreach (var state in Enum.GetValues<FederalState>())
        {
            for (var day = D("2024-01-01"); day.Year <= 2027; day = day.AddDays(1))
            {
                foreach (var period in periods)
                {
                    var raw = LegalDeadline.EndOfPeriod(day, period);
                    var end = LegalDeadline.Add(day, period, state);
                    Assert.True(LegalDeadline.IsWorkingDay(end, state), $"{day} + {period} in {state} → {end}");
                    Assert.InRange(end.DayNumber - raw.DayNumber, 0, 4);
                }
            }
        }
    }
}
