namespace Foerderworkflow.Funding.Committee;

/// <summary>What the quorum share is taken of.</summary>
public enum QuorumBase
{
    /// <summary>All seats of the body (a recused member counts as not taking part, the base stays).</summary>
    AllSeats = 1,

    /// <summary>The seats whose member is not recused on this application.</summary>
    SeatsWithoutConflict,
}
