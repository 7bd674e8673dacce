using System.Collections.Concurrent;

namespace Foerderworkflow.Funding.Committee;

/// <summary>
/// One open vote: the application and the vote task's id (the bookmark), so a deferred and re-routed application
/// starts a fresh ballot sheet under a new <see cref="VoteId"/>.
/// </summary>
public sealed record CommitteeVoteKey(string ApplicationId, string VoteId);

/// <summary>The ballots, declared conflicts and objections (written procedure) collected for one open vote.</summary>
public sealed record CollectedVotes(IReadOnlyList<Ballot> Ballots, IReadOnlyList<ConflictOfInterest> Conflicts)
{
    public static CollectedVotes Empty { get; } = new([], []);

    /// <summary>Members who objected to deciding in writing (a written procedure only).</summary>
    public IReadOnlyList<Objection> Objections { get; init; } = [];
}

/// <summary>
/// Collects the committee members' individual ballots and declared conflicts of interest for one open vote until
/// the KuF closes the vote; then <see cref="CommitteeVoteActivity"/>'s tally counts them. One entry per person and
/// vote: a new ballot replaces the previous one, a declared conflict withdraws a ballot already cast, and a person
/// who declared a conflict cannot cast a ballot on that vote.
/// </summary>
public interface ICommitteeBallotBox
{
    /// <summary>Records or replaces the person's ballot; false (and nothing changes) if they declared a conflict on this vote.</summary>
    Task<bool> CastAsync(CommitteeVoteKey vote, Ballot ballot, CancellationToken cancellationToken);

    /// <summary>Records the conflict (replacing an earlier declaration) and withdraws the person's ballot.</summary>
    Task DeclareConflictAsync(CommitteeVoteKey vote, ConflictOfInterest conflict, CancellationToken cancellationToken);

    /// <summary>
    /// Records the person's objection to a written procedure, replacing their ballot; false (and nothing changes) if
    /// they declared a conflict on this vote.
    /// </summary>
    Task<bool> ObjectAsync(CommitteeVoteKey vote, Objection objection, CancellationToken cancellationToken);

    Task<CollectedVotes> ReadAsync(CommitteeVoteKey vote, CancellationToken cancellationToken);

    /// <summary>Forgets the vote's sheet once the vote is closed.</summary>
    Task DiscardAsync(CommitteeVoteKey vote, CancellationToken cancellationToken);
}

/// <summary>
/// A ballot box in memory, one process: for unit tests and hosts without the funding store. Ballots not yet counted
/// are lost when the process ends; the server uses the stored ballot box of the funding store.
/// </summary>
public sealed class InMemoryCommitteeBallotBox : ICommitteeBallotBox
{
    private readonly ConcurrentDictionary<CommitteeVoteKey, VoteSheet> sheets = new();

    public Task<bool> CastAsync(CommitteeVoteKey vote, Ballot ballot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(ballot);
        var sheet = sheets.GetOrAdd(vote, _ => new VoteSheet());
        lock (sheet)
        {
            if (sheet.Conflicts.ContainsKey(ballot.VoterId))
            {
                return Task.FromResult(false);
            }

            sheet.Objections.Remove(ballot.VoterId);
            sheet.Ballots[ballot.VoterId] = ballot;
            return Task.FromResult(true);
        }
    }

    public Task DeclareConflictAsync(CommitteeVoteKey vote, ConflictOfInterest conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(conflict);
        var sheet = sheets.GetOrAdd(vote, _ => new VoteSheet());
        lock (sheet)
        {
            // A conflicted person must not have voted: the declaration withdraws a ballot already cast.
            sheet.Ballots.Remove(conflict.PersonId);
            sheet.Objections.Remove(conflict.PersonId);
            sheet.Conflicts[conflict.PersonId] = conflict;
        }

        return Task.CompletedTask;
    }

    public Task<bool> ObjectAsync(CommitteeVoteKey vote, Objection objection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(objection);
        var sheet = sheets.GetOrAdd(vote, _ => new VoteSheet());
        lock (sheet)
        {
            if (sheet.Conflicts.ContainsKey(objection.PersonId))
            {
                return Task.FromResult(false);
            }

            sheet.Ballots.Remove(objection.PersonId);
            sheet.Objections[objection.PersonId] = objection;
            return Task.FromResult(true);
        }
    }

    public Task<CollectedVotes> ReadAsync(CommitteeVoteKey vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        if (!sheets.TryGetValue(vote, out var sheet))
        {
            return Task.FromResult(CollectedVotes.Empty);
        }

        lock (sheet)
        {
            return Task.FromResult(new CollectedVotes([.. sheet.Ballots.Values], [.. sheet.Conflicts.Values]) { Objections = [.. sheet.Objections.Values] });
        }
    }

    public Task DiscardAsync(CommitteeVoteKey vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        sheets.TryRemove(vote, out _);
        return Task.CompletedTask;
    }

    private sealed class VoteSheet
    {
        public Dictionary<string, Ballot> Ballots { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, ConflictOfInterest> Conflicts { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, Objection> Objections { get; } = new(StringComparer.Ordinal);
    }
}
