using System.Data.Common;
using Foerderworkflow.Engine.Persistence.Projections;
using Foerderworkflow.Funding.Committee;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>
/// The ballot box in the workflow database (<c>funding_committee_ballots</c>): cast ballots, declared conflicts and objections
/// survive a restart and are shared by every server node. One row per person and vote; each call is one statement,
/// so concurrent casts of the same person end with one of them, never with two rows. Writes go through the store's
/// write path (<see cref="IWorkflowDatabaseWriter"/>; on SQLite grouped with the bursts instead of waiting for their
/// write lock), reads through a connection of their own.
/// </summary>
internal sealed class StoredCommitteeBallotBox(FundingDatabase database, IWorkflowDatabaseWriter writer, TimeProvider clock) : ICommitteeBallotBox
{
    // The WHERE of DO UPDATE keeps a declared conflict: the statement then changes no row and the cast is refused.
    private const string CastSql = """
        INSERT INTO funding_committee_ballots (application_id, vote_id, member_id, choice, conflict_reason, declared_by, cast_at, objection_reason)
        VALUES (@application, @vote, @member, @choice, NULL, NULL, @at, @objection)
        ON CONFLICT (application_id, vote_id, member_id) DO UPDATE SET choice = excluded.choice, cast_at = excluded.cast_at, objection_reason = excluded.objection_reason
        WHERE funding_committee_ballots.conflict_reason IS NULL
        RETURNING 1
        """;

    /// <summary>The choice an objection is stored under (a ballot's choices are the <see cref="VoteChoice"/> names).</summary>
    private const string ObjectionChoice = "Objection";

    private const string ConflictSql = """
        INSERT INTO funding_committee_ballots (application_id, vote_id, member_id, choice, conflict_reason, declared_by, cast_at)
        VALUES (@application, @vote, @member, NULL, @reason, @by, @at)
        ON CONFLICT (application_id, vote_id, member_id) DO UPDATE SET
            choice = NULL, conflict_reason = excluded.conflict_reason, declared_by = excluded.declared_by, cast_at = excluded.cast_at, objection_reason = NULL
        """;

    private const string ReadSql = """
        SELECT member_id, choice, conflict_reason, declared_by, cast_at, objection_reason FROM funding_committee_ballots
        WHERE application_id = @application AND vote_id = @vote
        ORDER BY cast_at, member_id
        """;

    private const string DiscardSql = "DELETE FROM funding_committee_ballots WHERE application_id = @application AND vote_id = @vote";

    public Task<bool> CastAsync(CommitteeVoteKey vote, Ballot ballot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ballot);
        return ReplaceEntryAsync(vote, ballot.VoterId, ballot.Choice.ToString(), ballot.CastAt ?? clock.GetUtcNow(), null, cancellationToken);
    }

    public Task<bool> ObjectAsync(CommitteeVoteKey vote, Objection objection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(objection);
        return ReplaceEntryAsync(vote, objection.PersonId, ObjectionChoice, objection.At, objection.Reason, cancellationToken);
    }

    /// <summary>A ballot or an objection: replaces the person's entry unless they declared a conflict (then false).</summary>
    private async Task<bool> ReplaceEntryAsync(CommitteeVoteKey vote, string member, string choice, DateTimeOffset at, string? objectionReason, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);

        // RETURNING gives a row only when the entry was inserted or replaced, not when a declared conflict kept it.
        return await writer.WriteAsync(
        [
            new CommitStatement(CastSql,
            [
                new("@application", vote.ApplicationId), new("@vote", vote.VoteId), new("@member", member),
                new("@choice", choice), new("@at", database.Time(at)), new("@objection", objectionReason),
            ]),
        ], cancellationToken) is not null;
    }

    public async Task DeclareConflictAsync(CommitteeVoteKey vote, ConflictOfInterest conflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(conflict);
        await writer.WriteAsync(
        [
            new CommitStatement(ConflictSql,
            [
                new("@application", vote.ApplicationId), new("@vote", vote.VoteId), new("@member", conflict.PersonId),
                new("@reason", conflict.Reason), new("@by", conflict.DeclaredBy), new("@at", database.Time(clock.GetUtcNow())),
            ]),
        ], cancellationToken);
    }

    public async Task<CollectedVotes> ReadAsync(CommitteeVoteKey vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        await using var connection = await database.OpenAsync(cancellationToken);
        await using var command = FundingDatabase.Command(connection, null, ReadSql, ("application", vote.ApplicationId), ("vote", vote.VoteId));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        var ballots = new List<Ballot>();
        var conflicts = new List<ConflictOfInterest>();
        var objections = new List<Objection>();
        while (await reader.ReadAsync(cancellationToken))
        {
            var member = reader.GetString(0);
            if (!await reader.IsDBNullAsync(1, cancellationToken) && reader.GetString(1) == ObjectionChoice)
            {
                objections.Add(new Objection(member, FundingDatabase.ReadTime(reader, 4), await reader.IsDBNullAsync(5, cancellationToken) ? null : reader.GetString(5)));
            }
            else if (!await reader.IsDBNullAsync(1, cancellationToken))
            {
                ballots.Add(new Ballot(member, Enum.Parse<VoteChoice>(reader.GetString(1))) { CastAt = FundingDatabase.ReadTime(reader, 4) });
            }
            else
            {
                var declaredBy = await reader.IsDBNullAsync(3, cancellationToken) ? member : reader.GetString(3);
                conflicts.Add(new ConflictOfInterest(member, reader.GetString(2), declaredBy));
            }
        }

        return new CollectedVotes(ballots, conflicts) { Objections = objections };
    }

    public async Task DiscardAsync(CommitteeVoteKey vote, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(vote);
        await writer.WriteAsync([new CommitStatement(DiscardSql, [new("@application", vote.ApplicationId), new("@vote", vote.VoteId)])], cancellationToken);
    }
}
