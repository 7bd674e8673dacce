using Foerderworkflow.Funding.Amounts;

namespace Foerderworkflow.Funding.Reclaims;

/// <summary>
/// The outcome of the arithmetic proof-of-use review: the grant as finally due, the part of the commitment never paid out that can be
/// released back to the budget year now, and the amount paid out too much that must be reclaimed.
/// </summary>
public sealed record ReclaimAssessment(Money FinalGrant, Money ReleasableCommitment, Money Reclaim)
{
    public bool IsBalanced => Reclaim.IsZero;
}
