namespace Foerderworkflow.Funding.Funds;

/// <summary>
/// A configured length such as "6 weeks" (proof of use, payout horizon) or "2 months". <see cref="AddTo"/> is plain
/// calendar arithmetic (a window); legal due dates with the weekend and holiday shift are the deadline computation's job.
/// </summary>
public readonly record struct FundPeriod(FundPeriodUnit Unit, int Count)
{
    public static FundPeriod Weeks(int count) => new(FundPeriodUnit.Weeks, count);

    public static FundPeriod Months(int count) => new(FundPeriodUnit.Months, count);

    /// <summary>The day <see cref="Count"/> weeks or months after <paramref name="day"/> (months end on the last day when shorter).</summary>
    public DateOnly AddTo(DateOnly day) => Unit switch
    {
        FundPeriodUnit.Weeks => day.AddDays(7 * Count),
        FundPeriodUnit.Months => day.AddMonths(Count),
        _ => throw new InvalidOperationException($"Unknown period unit {Unit}."),
    };

    public override string ToString() => Unit == FundPeriodUnit.Weeks
        ? (Count == 1 ? "1 Woche" : $"{Count} Wochen")
        : (Count == 1 ? "1 Monat" : $"{Count} Monate");
}
