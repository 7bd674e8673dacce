using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Reclaims;

namespace Foerderworkflow.Funding.Tests.Reclaims;

public sealed class ReclaimInterestTests
{
    private static readonly BaseRateSchedule Rates = BaseRateSchedule.Published2024To2025;

    [Fact]
    public void Compute_NinetyDaysAtOneRate_MatchesWorkedExample()
    {
        // 1,000 € × (2.27 % + 5 %) × 90 / 365 = 17.926… → 17.93 €
        var result = ReclaimInterest.Compute(Money.FromEuros(1_000m), new DateOnly(2025, 1, 1), new DateOnly(2025, 4, 1), Rates);

        Assert.Equal(90, result.Days);
        Assert.Equal(7.27m, Assert.Single(result.Segments).RatePercent);
        Assert.Equal(Money.FromEuros(17.93m), result.Interest);
        Assert.Equal(Money.FromEuros(1_017.93m), result.Total);
    }

    [Fact]
    public void Compute_AcrossBaseRateChange_SplitsIntoSegments()
    {
        // June: 2,000 € × 7.27 % × 30/365 = 11.9507; July: 2,000 € × 6.27 % × 31/365 = 10.6504; sum 22.6011 → 22.60 €
        var result = ReclaimInterest.Compute(Money.FromEuros(2_000m), new DateOnly(2025, 6, 1), new DateOnly(2025, 8, 1), Rates);

        Assert.Equal([(30, 7.27m), (31, 6.27m)], result.Segments.Select(s => (s.Days, s.RatePercent)));
        Assert.Equal(Money.FromEuros(22.60m), result.Interest);
    }

    [Fact]
    public void Compute_LeapYear_CountsActualDaysOver365()
    {
        // 2024: 182 days × 8.62 % and 184 days × 8.37 % on 10,000 € = 429.8192 + 421.9397 = 851.7589 → 851.76 €
        var result = ReclaimInterest.Compute(Money.FromEuros(10_000m), new DateOnly(2024, 1, 1), new DateOnly(2025, 1, 1), Rates);

        Assert.Equal(366, result.Days);
        Assert.Equal(Money.FromEuros(851.76m), result.Interest);
    }

    [Fact]
    public void Compute_PaidOnTheDayItArises_IsZero() =>
        Assert.Equal(Money.Zero, ReclaimInterest.Compute(Money.FromEuros(500m), new DateOnly(2025, 3, 1), new DateOnly(2025, 3, 1), Rates).Interest);

    [Fact]
    public void Compute_NegativeBaseRate_StillAddsFivePoints()
    {
        var rates = new BaseRateSchedule([new BaseRate(new DateOnly(2020, 7, 1), -0.88m)]);

        var result = ReclaimInterest.Compute(Money.FromEuros(1_000m), new DateOnly(2021, 1, 1), new DateOnly(2022, 1, 1), rates);

        Assert.Equal(Money.FromEuros(41.20m), result.Interest);
    }

    [Fact]
    public void Compute_BeforeFirstConfiguredRate_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReclaimInterest.Compute(Money.FromEuros(1m), new DateOnly(2023, 12, 1), new DateOnly(2024, 2, 1), Rates));

    [Fact]
    public void Compute_PaymentBeforeArising_Throws() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ReclaimInterest.Compute(Money.FromEuros(1m), new DateOnly(2025, 2, 1), new DateOnly(2025, 1, 1), Rates));
}
