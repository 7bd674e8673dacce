namespace Foerderworkflow.Engine.Persistence.Projections;

/// <summary>
/// Writes another component's rows in the workflow database outside a burst (a counter, a ballot), through the
/// store's own write path. On SQLite this matters: the file has one writer at a time, and a connection of its own
/// would wait for the bursts' write connection in SQLite's busy handler, which sleeps between polls and starves
/// such a write behind a stream of bursts; here it joins the next group commit instead, in a savepoint of its own.
/// On PostgreSQL it is a transaction of its own on a pooled connection.
/// </summary>
public interface IWorkflowDatabaseWriter
{
    /// <summary>
    /// Runs <paramref name="statements"/> in one transaction (the same rules as a projection's: portable SQL, the same
    /// text always with the same parameter names in the same order). A statement with
    /// <see cref="CommitStatement.RejectWhenNoRows"/> that touches no row rolls the write back and throws its
    /// exception. Returns the first column of the last statement's first row as a number (e.g. a counter's
    /// <c>RETURNING</c>), or null when it returned no row or is no query.
    /// </summary>
    Task<long?> WriteAsync(IReadOnlyList<CommitStatement> statements, CancellationToken cancellationToken = default);
}
