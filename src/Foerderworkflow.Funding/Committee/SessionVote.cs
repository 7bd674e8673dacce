namespace Foerderworkflow.Funding.Committee;

/// <summary>Everything a session's vote on one application depends on.</summary>
public sealed record SessionVote
{
    public required string ApplicationId { get; init; }

    public required CommitteeRoster Roster { get; init; }

    public required Motion Motion { get; init; }

    /// <summary>Members and deputies present when the application is called.</summary>
    public required IReadOnlyCollection<string> Present { get; init; }

    public IReadOnlyList<ConflictOfInterest> Conflicts { get; init; } = [];

    public IReadOnlyList<Ballot> Ballots { get; init; } = [];
}
