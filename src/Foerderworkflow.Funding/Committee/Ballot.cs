namespace Foerderworkflow.Funding.Committee;

/// <summary>One person's vote on the motion; <see cref="CastAt"/> matters in a written procedure.</summary>
public sealed record Ballot(string VoterId, VoteChoice Choice)
{
    public DateTimeOffset? CastAt { get; init; }
}
