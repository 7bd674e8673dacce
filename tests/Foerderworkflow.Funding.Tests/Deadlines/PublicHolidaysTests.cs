using System.Globalization;
using Foerderworkflow.Funding.Deadlines;

namespace Foerderworkflow.Funding.Tests.Deadlines;

public sealed class PublicHolidaysTests
{
    private static DateOnly D(string iso) => DateOnly.ParseExact(iso, "yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string[] Listing(FederalState state, int year) =>
        [.. PublicHolidays.For(state, year).Select(h => $"{h.Date:yyyy-MM-dd} {h.Name}")];

    [Theory]
    [InlineData(1818, "1818-03-22")] // earliest possible date
    [InlineData(1943, "1943-04-25")] // latest possible date
    [InlineData(1995, "1995-04-16")]
    [InlineData(2000, "2000-04-23")]
    [InlineData(2008, "2008-03-23")]
    [InlineData(2011, "2011-04-24")]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2028, "2028-04-16")]
    [InlineData(2029, "2029-04-01")]
    [InlineData(2030, "2030-04-21")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    public void EasterSunday_KnownYear_MatchesPublishedCalendar(int year, string expected) =>
        Assert.Equal(D(expected), PublicHolidays.EasterSunday(year));

    [Fact]
    public void EasterSunday_EveryYear_IsASundayBetween22MarchAnd25April()
    {
        for (var year = 1583; year <= 9999; year++)
        {
            var easter = PublicHolidays.EasterSunday(year);
            Assert.Equal(DayOfWeek.Sunday, easter.DayOfWeek);
            Assert.InRange(easter, new DateOnly(year, 3, 22), new DateOnly(year, 4, 25));
        }
    }

    [Fact]
    public void For_NordrheinWestfalen2026_IsTheCompleteStatutoryList()
    {
        string[] expected =
        [
            "2026-01-01 Neujahr",
            "2026-04-03 Karfreitag",
            "2026-04-06 Ostermontag",
            "2026-05-01 Tag der Arbeit",
            "2026-05-14 Christi Himmelfahrt",
            "2026-05-25 Pfingstmontag",
            "2026-06-04 Fronleichnam",
            "2026-10-03 Tag der Deutschen Einheit",
            "2026-11-01 Allerheiligen",
            "2026-12-25 1. Weihnachtstag",
            "2026-12-26 2. Weihnachtstag",
        ];

        Assert.Equal(expected, Listing(FederalState.NW, 2026));
    }

    [Fact]
    public void For_Bayern2025_HasEpiphanyCorpusChristiAllSaintsButNotAssumption()
    {
        string[] expected =
        [
            "2025-01-01 Neujahr",
            "2025-01-06 Heilige Drei Könige",
            "2025-04-18 Karfreitag",
            "2025-04-21 Ostermontag",
            "2025-05-01 Tag der Arbeit",
            "2025-05-29 Christi Himmelfahrt",
            "2025-06-09 Pfingstmontag",
            "2025-06-19 Fronleichnam",
            "2025-10-03 Tag der Deutschen Einheit",
            "2025-11-01 Allerheiligen",
            "2025-12-25 1. Weihnachtstag",
            "2025-12-26 2. Weihnachtstag",
        ];

        Assert.Equal(expected, Listing(FederalState.BY, 2025));
    }

    [Fact]
    public void For_Sachsen2026_HasReformationAndRepentanceDayButNotCorpusChristi()
    {
        string[] expected =
        [
            "2026-01-01 Neujahr",
            "2026-04-03 Karfreitag",
            "2026-04-06 Ostermontag",
            "2026-05-01 Tag der Arbeit",
            "2026-05-14 Christi Himmelfahrt",
            "2026-05-25 Pfingstmontag",
            "2026-10-03 Tag der Deutschen Einheit",
            "2026-10-31 Reformationstag",
            "2026-11-18 Buß- und Bettag",
            "2026-12-25 1. Weihnachtstag",
            "2026-12-26 2. Weihnachtstag",
        ];

        Assert.Equal(expected, Listing(FederalState.SN, 2026));
    }

    [Fact]
    public void For_Berlin2025_HasWomensDayAndTheOneOffLiberationDay()
    {
        string[] expected =
        [
            "2025-01-01 Neujahr",
            "2025-03-08 Internationaler Frauentag",
            "2025-04-18 Karfreitag",
            "2025-04-21 Ostermontag",
            "2025-05-01 Tag der Arbeit",
            "2025-05-08 Tag der Befreiung",
            "2025-05-29 Christi Himmelfahrt",
            "2025-06-09 Pfingstmontag",
            "2025-10-03 Tag der Deutschen Einheit",
            "2025-12-25 1. Weihnachtstag",
            "2025-12-26 2. Weihnachtstag",
        ];

        Assert.Equal(expected, Listing(FederalState.BE, 2025));
    }

    [Theory]
    [InlineData(FederalState.BW, 12)]
    [InlineData(FederalState.BY, 12)]
    [InlineData(FederalState.BE, 10)]
    [InlineData(FederalState.BB, 12)] // with Ostersonntag and Pfingstsonntag
    [InlineData(FederalState.HB, 10)]
    [InlineData(FederalState.HH, 10)]
    [InlineData(FederalState.HE, 12)] // with Ostersonntag and Pfingstsonntag
    [InlineData(FederalState.MV, 11)]
    [InlineData(FederalState.NI, 10)]
    [InlineData(FederalState.NW, 11)]
    [InlineData(FederalState.RP, 11)]
    [InlineData(FederalState.SL, 12)]
    [InlineData(FederalState.SN, 11)]
    [InlineData(FederalState.ST, 11)]
    [InlineData(FederalState.SH, 10)]
    [InlineData(FederalState.TH, 11)]
    public void For_EachState2026_HasItsNumberOfHolidaysSortedAndDistinct(FederalState state, int count)
    {
        var holidays = PublicHolidays.For(state, 2026);

        Assert.Equal(count, holidays.Count);
        Assert.Equal(holidays.OrderBy(h => h.Date), holidays);
        Assert.Equal(holidays.Count, holidays.Select(h => h.Date).Distinct().Count());
        Assert.All(holidays, h => Assert.Equal(2026, h.Date.Year));
    }

    [Fact]
    public void For_EveryStateAndYear_HasTheNineNationwideHolidays()
    {
        string[] nationwide =
        [
            "Neujahr", "Karfreitag", "Ostermontag", "Tag der Arbeit", "Christi Himmelfahrt", "Pfingstmontag",
            "Tag der Deutschen Einheit", "1. Weihnachtstag", "2. Weihnachtstag",
        ];

        foreach (var state in Enum.GetValues<FederalState>())
        {
            for (var year = PublicHolidays.FirstSupportedYear; year <= 2100; year++)
            {
                var names = PublicHolidays.For(state, year).Select(h => h.Name).ToHashSet();
                Assert.Superset(nationwide.ToHashSet(), names);
            }
        }
    }

    [Theory]
    [InlineData("2024-11-20")]
    [InlineData("2025-11-19")]
    [InlineData("2026-11-18")]
    [InlineData("2027-11-17")]
    [InlineData("2023-11-22")] // 22 November itself is a Wednesday
    [InlineData("2028-11-22")]
    [InlineData("2029-11-21")]
    public void Find_RepentanceDayInSachsen_IsTheWednesdayBefore23November(string iso)
    {
        var holiday = PublicHolidays.Find(D(iso), FederalState.SN);

        Assert.Equal("Buß- und Bettag", holiday?.Name);
        Assert.False(PublicHolidays.IsHoliday(D(iso), FederalState.NW));
        Assert.False(PublicHolidays.IsHoliday(D(iso), FederalState.BY));
    }

    [Theory]
    [InlineData(FederalState.BW, true)]
    [InlineData(FederalState.BY, true)]
    [InlineData(FederalState.HE, true)]
    [InlineData(FederalState.NW, true)]
    [InlineData(FederalState.RP, true)]
    [InlineData(FederalState.SL, true)]
    [InlineData(FederalState.SN, false)] // only some Sorbian municipalities: not statewide
    [InlineData(FederalState.TH, false)] // only some Eichsfeld municipalities: not statewide
    [InlineData(FederalState.BE, false)]
    [InlineData(FederalState.HH, false)]
    public void IsHoliday_CorpusChristi2026_OnlyWhereItIsStatewide(FederalState state, bool expected) =>
        Assert.Equal(expected, PublicHolidays.IsHoliday(D("2026-06-04"), state));

    [Theory]
    [InlineData(FederalState.SL, true)]
    [InlineData(FederalState.BY, false)] // only predominantly Catholic municipalities: not statewide
    [InlineData(FederalState.NW, false)]
    public void IsHoliday_Assumption_OnlyStatewideInSaarland(FederalState state, bool expected) =>
        Assert.Equal(expected, PublicHolidays.IsHoliday(D("2026-08-15"), state));

    [Theory]
    [InlineData(FederalState.BW, true)]
    [InlineData(FederalState.BY, true)]
    [InlineData(FederalState.ST, true)]
    [InlineData(FederalState.NW, false)]
    [InlineData(FederalState.TH, false)]
    public void IsHoliday_Epiphany_InBadenWuerttembergBayernSachsenAnhalt(FederalState state, bool expected) =>
        Assert.Equal(expected, PublicHolidays.IsHoliday(D("2026-01-06"), state));

    [Theory]
    [InlineData(FederalState.BW, true)]
    [InlineData(FederalState.BY, true)]
    [InlineData(FederalState.NW, true)]
    [InlineData(FederalState.RP, true)]
    [InlineData(FederalState.SL, true)]
    [InlineData(FederalState.HE, false)]
    [InlineData(FederalState.SN, false)]
    public void IsHoliday_AllSaints_InTheFiveCatholicStates(FederalState state, bool expected) =>
        Assert.Equal(expected, PublicHolidays.IsHoliday(D("2026-11-01"), state));

    [Theory]
    [InlineData(FederalState.BE, "2018-03-08", false)]
    [InlineData(FederalState.BE, "2019-03-08", true)]
    [InlineData(FederalState.MV, "2022-03-08", false)]
    [InlineData(FederalState.MV, "2023-03-08", true)]
    [InlineData(FederalState.BB, "2026-03-08", false)]
    public void IsHoliday_WomensDay_SinceTheStateIntroducedIt(FederalState state, string iso, bool expected) =>
        Assert.Equal(expected, PublicHolidays.IsHoliday(D(iso), state));

    [Theory]
    [InlineData(FederalState.TH, "2018-09-20", false)]
    [InlineData(FederalState.TH, "2019-09-20", true)]
    [InlineData(FederalState.TH, "2026-09-20", true)]
    [InlineData(FederalState.SN, "2026-09-20", false)]
    public void IsHoliday_WorldChildrensDay_OnlyInThueringenSince2019(FederalState state, string iso, bool expected) =>
        Assert.Equal(expected, PublicHolidays.IsHoliday(D(iso), state));

    [Theory]
    [InlineData(FederalState.BB, 2016, true)]
    [InlineData(FederalState.MV, 2016, true)]
    [InlineData(FederalState.SN, 2016, true)]
    [InlineData(FederalState.ST, 2016, true)]
    [InlineData(FederalState.TH, 2016, true)]
    [InlineData(FederalState.HB, 2016, false)]
    [InlineData(FederalState.HB, 2018, true)]
    [InlineData(FederalState.HH, 2016, false)]
    [InlineData(FederalState.HH, 2018, true)]
    [InlineData(FederalState.NI, 2016, false)]
    [InlineData(FederalState.NI, 2018, true)]
    [InlineData(FederalState.SH, 2016, false)]
    [InlineData(FederalState.SH, 2018, true)]
    [InlineData(FederalState.NW, 2016, false)]
    [InlineData(FederalState.NW, 2018, false)]
    [InlineData(FederalState.BY, 2026, false)]
    public void IsHoliday_ReformationDay_WhereAndSinceWhenItHolds(FederalState state, int year, bool expected) =>
        Assert.Equal(expected, PublicHolidays.IsHoliday(new DateOnly(year, 10, 31), state));

    [Fact]
    public void For_2017_ReformationDayIsAOneOffHolidayInEveryStateOnce()
    {
        foreach (var state in Enum.GetValues<FederalState>())
        {
            Assert.Single(PublicHolidays.For(state, 2017), h => h.Date == new DateOnly(2017, 10, 31));
            Assert.Equal("Reformationstag", PublicHolidays.Find(new DateOnly(2017, 10, 31), state)?.Name);
        }
    }

    [Theory]
    [InlineData(FederalState.BE, "2020-05-08", true)]
    [InlineData(FederalState.BE, "2025-05-08", true)]
    [InlineData(FederalState.BE, "2021-05-08", false)]
    [InlineData(FederalState.BE, "2026-05-08", false)]
    [InlineData(FederalState.BB, "2025-05-08", false)]
    public void IsHoliday_LiberationDay_OnlyTheOneOffYearsInBerlin(FederalState state, string iso, bool expected) =>
        Assert.Equal(expected, PublicHolidays.IsHoliday(D(iso), state));

    [Theory]
    [InlineData(FederalState.BB, true)]
    [InlineData(FederalState.HE, true)]
    [InlineData(FederalState.NW, false)]
    public void IsHoliday_EasterAndWhitSunday_NamedOnlyInBrandenburgAndHessen(FederalState state, bool expected)
    {
        Assert.Equal(expected, PublicHolidays.IsHoliday(D("2026-04-05"), state));
        Assert.Equal(expected, PublicHolidays.IsHoliday(D("2026-05-24"), state));
    }

    [Fact]
    public void Find_OrdinaryDay_ReturnsNull() =>
        Assert.Null(PublicHolidays.Find(D("2026-07-15"), FederalState.NW));

    [Fact]
    public void For_YearBefore1995_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PublicHolidays.For(FederalState.NW, 1994));

    [Fact]
    public void For_UnknownState_IsRejected() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => PublicHolidays.For((FederalState)99, 2026));
}
