namespace Foerderworkflow.Funding.Funds;

/// <summary>A day of the year without the year, e.g. 31 December as the latest project end.</summary>
public readonly record struct MonthDay(int Month, int Day)
{
    public static MonthDay EndOfYear => new(12, 31);

    public bool IsValid => Month is >= 1 and <= 12 && Day >= 1 && Day <= DateTime.DaysInMonth(2023, Month);

    public DateOnly InYear(int year) => new(year, Month, Day);
}
