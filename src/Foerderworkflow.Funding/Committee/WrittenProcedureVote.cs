namespace Foerderworkflow.Funding.Committee;

/// <summary>
/// A vote in writing on one application. Who responds by <see cref="ClosingAt"/> (a ballot or an objection) takes
/// part; a deputy's response counts only when the member gave none. Responses after the closing date are ignored.
/// </summary>
public sealed record WrittenProcedureVote
{
    public required string ApplicationId { get; init; }

    public required CommitteeRoster Roster { get; init; }

    public required Motion Motion { get; init; }

    public required DateTimeOffset ClosingAt { get; init; }

    public IReadOnlyList<ConflictOfInterest> Conflicts { get; init; } = [];

    public IReadOnlyList<Ballot> Ballots { get; init; } = [];

    public IReadOnlyList<Objection> Objections { get; init; } = [];
}
