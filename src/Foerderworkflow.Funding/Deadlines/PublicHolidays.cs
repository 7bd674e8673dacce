namespace Foerderworkflow.Funding.Deadlines;

/// <summary>
/// Statutory public holidays of each federal state, computed (no table to maintain, no package): fixed dates, the
/// Easter-based ones and Buß- und Bettag, with the years each state introduced them, and the one-off holidays.
/// </summary>
/// <remarks>
/// <para>Only holidays that hold in the <em>whole</em> state are listed, because a deadline (§ 193 BGB) cannot depend
/// on the municipality without knowing it. Left out on purpose:</para>
/// <list type="bullet">
/// <item>Fronleichnam in Sachsen (some Catholic Sorbian municipalities in the districts of Bautzen) and Thüringen
/// (Catholic municipalities, mostly in the Eichsfeld).</item>
/// <item>Mariä Himmelfahrt in Bayern (only municipalities with a predominantly Catholic population); it is listed for
/// the Saarland, where it holds statewide.</item>
/// <item>Augsburger Hohes Friedensfest (8 August, city of Augsburg only).</item>
/// </list>
/// <para>Ostersonntag and Pfingstsonntag are listed for Brandenburg and Hessen, whose holiday laws name them; they
/// are Sundays anyway, so they never change a deadline.</para>
/// <para>Rules are those in force since 1995 (Buß- und Bettag ceased to be a holiday outside Sachsen that year);
/// earlier years are rejected rather than answered wrongly.</para>
/// </remarks>
public static class PublicHolidays
{
    /// <summary>The first year whose holidays are computed.</summary>
    public const int FirstSupportedYear = 1995;

    /// <summary>All statutory public holidays of <paramref name="state"/> in <paramref name="year"/>, by date.</summary>
    public static IReadOnlyList<PublicHoliday> For(FederalState state, int year)
    {
        if (!Enum.IsDefined(state))
        {
            throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown federal state.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(year, FirstSupportedYear);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);

        var easter = EasterSunday(year);
        var holidays = new List<PublicHoliday>(capacity: 14)
        {
            new(new DateOnly(year, 1, 1), "Neujahr"),
            new(easter.AddDays(-2), "Karfreitag"),
            new(easter.AddDays(1), "Ostermontag"),
            new(new DateOnly(year, 5, 1), "Tag der Arbeit"),
            new(easter.AddDays(39), "Christi Himmelfahrt"),
            new(easter.AddDays(50), "Pfingstmontag"),
            new(new DateOnly(year, 10, 3), "Tag der Deutschen Einheit"),
            new(new DateOnly(year, 12, 25), "1. Weihnachtstag"),
            new(new DateOnly(year, 12, 26), "2. Weihnachtstag"),
        };

        void AddIf(bool holds, DateOnly date, string name)
        {
            if (holds)
            {
                holidays.Add(new PublicHoliday(date, name));
            }
        }

        AddIf(state is FederalState.BW or FederalState.BY or FederalState.ST,
            new DateOnly(year, 1, 6), "Heilige Drei Könige");
        AddIf((state is FederalState.BE && year >= 2019) || (state is FederalState.MV && year >= 2023),
            new DateOnly(year, 3, 8), "Internationaler Frauentag");
        AddIf(state is FederalState.BB or FederalState.HE, easter, "Ostersonntag");
        AddIf(state is FederalState.BE && year is 2020 or 2025,
            new DateOnly(year, 5, 8), "Tag der Befreiung");
        AddIf(state is FederalState.BB or FederalState.HE, easter.AddDays(49), "Pfingstsonntag");
        AddIf(state is FederalState.BW or FederalState.BY or FederalState.HE or FederalState.NW or FederalState.RP
                or FederalState.SL,
            easter.AddDays(60), "Fronleichnam");
        AddIf(state is FederalState.SL, new DateOnly(year, 8, 15), "Mariä Himmelfahrt");
        AddIf(state is FederalState.TH && year >= 2019, new DateOnly(year, 9, 20), "Weltkindertag");
        AddIf(HasReformationDay(state, year), new DateOnly(year, 10, 31), "Reformationstag");
        AddIf(state is FederalState.BW or FederalState.BY or FederalState.NW or FederalState.RP or FederalState.SL,
            new DateOnly(year, 11, 1), "Allerheiligen");
        AddIf(state is FederalState.SN, RepentanceDay(year), "Buß- und Bettag");

        holidays.Sort((a, b) => a.Date.CompareTo(b.Date));
        return holidays;
    }

    /// <summary>The holiday of <paramref name="state"/> on <paramref name="date"/>, or <see langword="null"/>.</summary>
    public static PublicHoliday? Find(DateOnly date, FederalState state)
    {
        foreach (var holiday in For(state, date.Year))
        {
            if (holiday.Date == date)
            {
                return holiday;
            }
        }

        return null;
    }

    /// <summary>Whether <paramref name="date"/> is a statutory public holiday throughout <paramref name="state"/>.</summary>
    public static bool IsHoliday(DateOnly date, FederalState state) => Find(date, state) is not null;

    /// <summary>
    /// Easter Sunday of a Gregorian year (1583 or later), by the Gauss algorithm in the form Meeus gives it
    /// (the "anonymous Gregorian algorithm").
    /// </summary>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, DateOnly.MaxValue.Year);

        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    /// <summary>Buß- und Bettag: the last Wednesday before 23 November (16–22 November).</summary>
    private static DateOnly RepentanceDay(int year)
    {
        var day = new DateOnly(year, 11, 22);
        var back = ((int)day.DayOfWeek - (int)DayOfWeek.Wednesday + 7) % 7;
        return day.AddDays(-back);
    }

    private static bool HasReformationDay(FederalState state, int year) => state switch
    {
        _ when year == 2017 => true, // 500th anniversary of the Reformation: a one-off holiday in every state.
        FederalState.BB or FederalState.MV or FederalState.SN or FederalState.ST or FederalState.TH => true,
        FederalState.HB or FederalState.HH or FederalState.NI or FederalState.SH => year >= 2018,
        _ => false,
    };
}
