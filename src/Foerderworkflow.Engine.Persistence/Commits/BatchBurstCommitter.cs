using System.Data.Common;
using Foerderworkflow.Engine.Persistence.Dialects;
using Foerderworkflow.Engine.Persistence.Model;
using Foerderworkflow.Engine.Persistence.Projections;
using Foerderworkflow.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Foerderworkflow.Engine.Persistence.Commits;

/// <summary>
/// For a database server: the whole burst goes as one batch (one round trip) on a pooled connection inside a read
/// committed transaction, then the gates' row counts are checked; a failed gate rolls everything back. The instance
/// row is locked first, so bursts of one instance queue behind each other instead of deadlocking; a concurrent
/// DELETE of the same bookmark row waits for the other transaction and then finds no row.
/// </summary>
internal sealed class BatchBurstCommitter(IDbContextFactory<WorkflowDbContext> contexts, StoreDialect dialect, CommitProjections projections) : IBurstCommitter
{
    public async Task<long> CommitAsync(BurstCommit commit, CancellationToken cancellationToken)
    {
        var statements = BurstCommitPlan.Build(commit, dialect, serverBatch: true, out var newVersion, projections);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await context.Database.OpenConnectionAsync(cancellationToken);
        var connection = context.Database.GetDbConnection();

        // Disposing the transaction without a commit rolls back.
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(ToCommand(batch, statement));
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);
        SqlStatement? failed = null;
        for (var i = 0; i < statements.Count; i++)
        {
            if (batch.BatchCommands[i].RecordsAffected == 0 && statements[i].WhenNoRows is not null && (failed is null || statements[i].CheckOrder < failed.CheckOrder))
            {
                failed = statements[i];
            }
        }

        if (failed?.WhenNoRows is { } rejection)
        {
            throw rejection();
        }

        await transaction.CommitAsync(cancellationToken);
        return newVersion;
    }

    public void Dispose()
    {
    }

    private static DbBatchCommand ToCommand(DbBatch batch, SqlStatement statement)
    {
        var command = batch.CreateBatchCommand();
        command.CommandText = statement.Sql;
        foreach (var value in statement.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = value.Name;
            parameter.Value = value.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }
}
