namespace Foerderworkflow.Funding.Reclaims;

/// <summary>
/// The base rates in force over time; configurable because the Bundesbank publishes a new rate every 1 January and
/// 1 July. <see cref="Published2024To2025"/> holds the published values for the demo and the tests.
/// </summary>
public sealed class BaseRateSchedule
{
    private readonly BaseRate[] rates;

    public BaseRateSchedule(IEnumerable<BaseRate> rates)
    {
        ArgumentNullException.ThrowIfNull(rates);
        this.rates = [.. rates.OrderBy(r => r.ValidFrom)];
        if (this.rates.Length == 0)
        {
            throw new ArgumentException("At least one base rate is needed.", nameof(rates));
        }

        if (this.rates.Zip(this.rates.Skip(1)).Any(pair => pair.First.ValidFrom == pair.Second.ValidFrom))
        {
            throw new ArgumentException("Two base rates start on the same day.", nameof(rates));
        }
    }

    /// <summary>Base rates published by the Deutsche Bundesbank for 2024 and 2025.</summary>
    public static BaseRateSchedule Published2024To2025 { get; } = new(
    [
        new BaseRate(new DateOnly(2024, 1, 1), 3.62m),
        new BaseRate(new DateOnly(2024, 7, 1), 3.37m),
        new BaseRate(new DateOnly(2025, 1, 1), 2.27m),
        new BaseRate(new DateOnly(2025, 7, 1), 1.27m),
    ]);

    public IReadOnlyList<BaseRate> Rates => rates;

    /// <summary>The rate in force on <paramref name="day"/>.</summary>
    public decimal RateOn(DateOnly day)
    {
        var rate = rates.LastOrDefault(r => r.ValidFrom <= day)
            ?? throw new ArgumentOutOfRangeException(nameof(day), day, "No base rate is configured for this day.");
        return rate.PercentPerYear;
    }

    /// <summary>The first day after <paramref name="day"/> on which a different rate starts, if any.</summary>
    internal DateOnly? NextChangeAfter(DateOnly day) => rates.FirstOrDefault(r => r.ValidFrom > day)?.ValidFrom;
}
