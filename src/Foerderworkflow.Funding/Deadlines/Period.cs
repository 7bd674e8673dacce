namespace Foerderworkflow.Funding.Deadlines;

/// <summary>A legal period such as "two weeks" or "one month"; create it with <see cref="Days"/>,
/// <see cref="Weeks"/>, <see cref="Months"/> or <see cref="Years"/>.</summary>
public readonly record struct Period
{
    private Period(PeriodUnit unit, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        Unit = unit;
        Count = count;
    }

    /// <summary>The unit the period is measured in.</summary>
    public PeriodUnit Unit { get; }

    /// <summary>How many units the period has; at least 1.</summary>
    public int Count { get; }

    /// <summary>A period of <paramref name="count"/> days.</summary>
    public static Period Days(int count) => new(PeriodUnit.Days, count);

    /// <summary>A period of <paramref name="count"/> weeks.</summary>
    public static Period Weeks(int count) => new(PeriodUnit.Weeks, count);

    /// <summary>A period of <paramref name="count"/> months.</summary>
    public static Period Months(int count) => new(PeriodUnit.Months, count);

    /// <summary>A period of <paramref name="count"/> years.</summary>
    public static Period Years(int count) => new(PeriodUnit.Years, count);

    /// <inheritdoc />
    public override string ToString() => $"{Count} {Unit}";
}
