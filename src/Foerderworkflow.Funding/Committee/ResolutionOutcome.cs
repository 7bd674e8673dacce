namespace Foerderworkflow.Funding.Committee;

/// <summary>What the committee recommends to the office.</summary>
public enum ResolutionOutcome
{
    Recommend = 1,
    RecommendWithConditions,
    Reject,

    /// <summary>Moved to the next session (no quorum, or an objection in a written procedure).</summary>
    Defer,
}
