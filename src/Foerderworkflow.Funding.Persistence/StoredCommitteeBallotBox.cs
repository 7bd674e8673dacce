using System.Data.Common;
using Foerderworkflow.Funding.Committee;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>
/// The ballot box in the workflow database (<c>funding_committee_ballots</c>): cast ballots and declared conflicts
/// survive a restart and are shared by every server node. One row per person and vote; each call is one statement,
/// so concurrent casts of the same person end with one of them, never with two rows.
/// </summary>
internal sealed class StoredCommitteeBallotBox(FundingDatabase database, TimeProvider clock) : ICommitteeBallotBox
{
    // The WHERE of DO UPDATE keeps a declared conflict: the statement then changes no row and the cast is refused.
    private const string CastSql = """
        INSERT INTO funding_committee_ballots (application_id, vote_id, member_id, choice, conflict_reason, declared_by, cast_at)
        VALUES (@application, @vote, @member, @choice, NULL, NULL, @at)
        ON CONFLICT (application_id, vote_id, member_id) DO UPDATE SET choice = excluded.choice, cast_at = excluded.cast_at
        WHERE funding_committee_ballots.conflict_reason IS NULL
        """;

    private const string ConflictSql = """
        INSERT INTO funding_committee_ballots (application_id, vote_id, member_id, choice, conflict_reason, declared_by, cast_at)
        VALUES (@application, @vote, @member, NULL, @reason, @by, @at)
        ON CONFLICT (application_id, vote_id, member_id) DO UPDATE SET
            choice = NULL, conflict_reason = excluded.conflict_reason, declared_by = excluded.declared_by, cast_at = excluded.cast_at
        """;

    private const string ReadSql = """
        SELECT member_id, choice, conflict_reason, declared_by, cast_at FROM funding_committee_ballots
        WHERE application_id = @application AND vote_id = @vote
        ORDER BY cast_at, member_id
        """;

    private const string DiscardSql = "DELETE FROM funding_committee_ballots WHERE application_id = @application AND vote_id = @vote";

    public async Task<bool> CastAsync(CommitteeVoteKey vote, Ballot ballot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(ballot);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(connection, null, CastSql,
            ("application", vote.ApplicationId), ("vote", vote.VoteId), ("member", ballot.VoterId),
            ("choice", ballot.Choice.ToString()), ("at", database.Time(ballot.CastAt ?? clock.GetUtcNow())));
        return await command.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task DeclareConflictAsync(CommitteeVoteKey vote, ConflictOfInterest conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(conflict);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(connection, null, ConflictSql,
            ("application", vote.ApplicationId), ("vote", vote.VoteId), ("member", conflict.PersonId),
            ("reason", conflict.Reason), ("by", conflict.DeclaredBy), ("at", database.Time(clock.GetUtcNow())));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<CollectedVotes> ReadAsync(CommitteeVoteKey vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(connection, null, ReadSql, ("application", vote.ApplicationId), ("vote", vote.VoteId));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var ballots = new List<Ballot>();
        var conflicts = new List<ConflictOfInterest>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var member = reader.GetString(0);
            if (!await reader.IsDBNullAsync(1, cancellationToken))
            {
                ballots.Add(new Ballot(member, Enum.Parse<VoteChoice>(reader.GetString(1))) { CastAt = FundingDatabase.ReadTime(reader, 4) });
            }
            else
            {
                var declaredBy = await reader.IsDBNullAsync(3, cancellationToken) ? member : reader.GetString(3);
                conflicts.Add(new ConflictOfInterest(member, reader.GetString(2), declaredBy));
            }
        }

        return new CollectedVotes(ballots, conflicts);
    }

    public async Task DiscardAsync(CommitteeVoteKey vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(connection, null, DiscardSql, ("application", vote.ApplicationId), ("vote", vote.VoteId));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
