using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Reclaims;

/// <summary>The interest on a reclaim and how it was computed, segment by segment (for the notice to the applicant).</summary>
public sealed record InterestCalculation(Money Principal, Money Interest, IReadOnlyList<InterestSegment> Segments)
{
    public int Days => Segments.Sum(s => s.Days);

    public Money Total => Principal + Interest;
}
