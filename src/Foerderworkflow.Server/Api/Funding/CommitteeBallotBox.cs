using System.Collections.Concurrent;
using Foerderworkflow.Funding.Committee;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// Collects the committee members' individual ballots and declared conflicts of interest for one open vote (keyed by
/// the vote task's id, so a deferred and re-routed application starts a fresh ballot) until the KuF closes the vote;
/// then <see cref="CommitteeVoteActivity"/>'s tally counts them.
/// </summary>
internal interface ICommitteeBallotBox
{
    /// <summary>Records or replaces the person's ballot; false if they declared a conflict on this vote.</summary>
    bool Cast(string voteId, Ballot ballot);

    void DeclareConflict(string voteId, ConflictOfInterest conflict);

    CollectedVotes Read(string voteId);

    void Discard(string voteId);
}

internal sealed record CollectedVotes(IReadOnlyList<Ballot> Ballots, IReadOnlyList<ConflictOfInterest> Conflicts);

/// <summary>
/// The embedded ballot box: in memory, one process. Honest limit: ballots not yet counted are lost when the server
/// restarts (members vote again); a clustered or durable deployment needs a stored ballot box (see docs/api.md).
/// </summary>
internal sealed class InMemoryCommitteeBallotBox : ICommitteeBallotBox
{
    private readonly ConcurrentDictionary<string, VoteSheet> sheets = new(StringComparer.Ordinal);

    public bool Cast(string voteId, Ballot ballot)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        var sheet = sheets.GetOrAdd(voteId, _ => new VoteSheet());
        lock (sheet)
        {
            if (sheet.Conflicts.ContainsKey(ballot.VoterId))
            {
                return false;
            }

            sheet.Ballots[ballot.VoterId] = ballot;
            return true;
        }
    }

    public void DeclareConflict(string voteId, ConflictOfInterest conflict)
    {
        ArgumentNullException.ThrowIfNull(conflict);
        var sheet = sheets.GetOrAdd(voteId, _ => new VoteSheet());
        lock (sheet)
        {
            // A conflicted person must not have voted: the declaration withdraws a ballot already cast.
            sheet.Ballots.Remove(conflict.PersonId);
            sheet.Conflicts[conflict.PersonId] = conflict;
        }
    }

    public CollectedVotes Read(string voteId)
    {
        if (!sheets.TryGetValue(voteId, out var sheet))
        {
            return new CollectedVotes([], []);
        }

        lock (sheet)
        {
            return new CollectedVotes([.. sheet.Ballots.Values], [.. sheet.Conflicts.Values]);
        }
    }

    public void Discard(string voteId) => sheets.TryRemove(voteId, out _);

    private sealed class VoteSheet
    {
        public Dictionary<string, Ballot> Ballots { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ConflictOfInterest> Conflicts { get; } = new(StringComparer.Ordinal);
    }
}
