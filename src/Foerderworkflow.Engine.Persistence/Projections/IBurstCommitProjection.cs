using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Projections;

/// <summary>
/// Extra rows a store keeps beside the engine's own, derived from what a burst commits (its instance state, outbox
/// messages, bookmarks). Every registered projection is asked for each commit; its statements run inside the burst's
/// own transaction after the engine's statements, so the projected rows never disagree with the workflow: both are
/// written or neither is. A statement with <see cref="CommitStatement.RejectWhenNoRows"/> is a gate that can refuse
/// the whole burst.
/// </summary>
/// <remarks>
/// <see cref="Project"/> runs on the committing thread before the transaction starts; it must not do I/O and must be
/// thread-safe. It is called again when the runtime re-runs a burst after a version conflict. Statements must be
/// repeatable in effect (e.g. keyed by the outbox message id), because a projection may be replayed.
/// </remarks>
public interface IBurstCommitProjection
{
    IEnumerable<CommitStatement> Project(BurstCommit commit, CommitProjectionContext context);
}
