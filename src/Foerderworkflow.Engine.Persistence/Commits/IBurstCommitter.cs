using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Commits;

/// <summary>Writes a burst in one transaction; returns the instance's new version. Rolls back on any exception.</summary>
internal interface IBurstCommitter : IDisposable
{
    /// <summary>The most bursts one transaction has held so far (diagnostics and tests).</summary>
    int LargestGroup { get; }

    Task<long> CommitAsync(BurstCommit commit, CancellationToken cancellationToken);

    /// <summary>
    /// Writes statements that belong to no burst (another component's rows, the outbox's sent marks) in one
    /// transaction, through the same write path as the bursts: on SQLite the process's one write connection, so they
    /// never fight the bursts for the file's write lock. A gate (<see cref="SqlStatement.WhenNoRows"/>) that touches
    /// no row rolls the write back and throws. With <paramref name="returnsValue"/> the result is the first column of
    /// the last statement's first row (null when it returned none).
    /// </summary>
    Task<long?> WriteAsync(List<SqlStatement> statements, bool returnsValue, CancellationToken cancellationToken);
}
