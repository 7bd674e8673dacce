using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Reclaims;

/// <summary>
/// Gap financing after the project (Fehlbedarfsfinanzierung): the grant falls by as much as the actual gap
/// (actual costs − own funds − third-party funds) stays below it. Own funds count at least as planned: spending less
/// of them does not raise the grant. What was paid beyond the final grant is reclaimed.
/// </summary>
public static class ReclaimCalculator
{
    public static ReclaimAssessment Assess(Money grant, Money paidOut, Money actualCosts, Money plannedOwnFunds, Money actualOwnFunds, Money actualThirdPartyFunds)
    {
        grant.EnsureNotNegative(nameof(grant));
        paidOut.EnsureNotNegative(nameof(paidOut));
        if (paidOut > grant)
        {
            throw new ArgumentOutOfRangeException(nameof(paidOut), paidOut, "Payouts cannot exceed the grant.");
        }

        var ownFunds = Money.Max(plannedOwnFunds, actualOwnFunds);
        var gap = Money.Max(Money.Zero, actualCosts - ownFunds - actualThirdPartyFunds);
        var finalGrant = Money.Min(grant, gap);
        // Money never paid out and not due is released now; money paid out too much returns to the year once repaid.
        return new ReclaimAssessment(finalGrant, grant - Money.Max(finalGrant, paidOut), Money.Max(Money.Zero, paidOut - finalGrant));
    }
}
