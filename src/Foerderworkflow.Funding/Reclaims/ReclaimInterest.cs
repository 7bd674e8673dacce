using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Reclaims;

/// <summary>
/// Interest on a reclaim per § 49a (3) VwVfG: 5 percentage points above the base rate per year, from the day the
/// reclaim arises (the day the grant ceased to be effective) until the day before payment, computed per day on an
/// actual/365 basis; segments split where the base rate changes; the total is rounded to cents once.
/// </summary>
public static class ReclaimInterest
{
    public const decimal SurchargePercentagePoints = 5m;

    /// <param name="principal">The amount to be repaid.</param>
    /// <param name="arisesOn">The first day interest runs.</param>
    /// <param name="paidOn">The day of payment; interest runs until the day before.</param>
    /// <param name="baseRates">The base rates in force.</param>
    public static InterestCalculation Compute(Money principal, DateOnly arisesOn, DateOnly paidOn, BaseRateSchedule baseRates)
    {
        ArgumentNullException.ThrowIfNull(baseRates);
        principal.EnsureNotNegative(nameof(principal));
        if (paidOn < arisesOn)
        {
            throw new ArgumentOutOfRangeException(nameof(paidOn), paidOn, "Payment cannot precede the day the reclaim arises.");
        }

        var segments = new List<InterestSegment>();
        var from = arisesOn;
        while (from < paidOn)
        {
            var next = baseRates.NextChangeAfter(from);
            var until = next is { } change && change < paidOn ? change : paidOn;
            var days = until.DayNumber - from.DayNumber;
            var rate = baseRates.RateOn(from) + SurchargePercentagePoints;
            var interest = principal.Euros * rate / 100m * days / 365m;
            segments.Add(new InterestSegment(from, until, days, rate, interest));
            from = until;
        }

        return new InterestCalculation(principal, Money.FromEuros(segments.Sum(s => s.Interest)), segments);
    }
}
