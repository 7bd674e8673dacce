using Foerderworkflow.Engine.Persistence.Commits;

namespace Foerderworkflow.Engine.Persistence.Projections;

/// <summary><see cref="IWorkflowDatabaseWriter"/> on the store's committer.</summary>
internal sealed class CommitPathWriter(IBurstCommitter committer) : IWorkflowDatabaseWriter
{
    public Task<long?> WriteAsync(IReadOnlyList<CommitStatement> statements, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(statements);
        ArgumentOutOfRangeException.ThrowIfZero(statements.Count);
        var sql = new List<SqlStatement>(statements.Count);
        foreach (var statement in statements)
        {
            sql.Add(CommitProjections.ToSql(statement, checkOrder: sql.Count));
        }

        return committer.WriteAsync(sql, returnsValue: true, cancellationToken);
    }
}
