namespace Foerderworkflow.Funding.Committee;

/// <summary>What is put to the vote: to recommend the application, possibly with conditions.</summary>
public sealed record Motion
{
    private Motion(ResolutionOutcome proposed, string? conditions)
    {
        Proposed = proposed;
        Conditions = conditions;
    }

    public ResolutionOutcome Proposed { get; }

    public string? Conditions { get; }

    public static Motion Recommend() => new(ResolutionOutcome.Recommend, null);

    public static Motion RecommendWithConditions(string conditions)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(conditions);
        return new(ResolutionOutcome.RecommendWithConditions, conditions);
    }
}
