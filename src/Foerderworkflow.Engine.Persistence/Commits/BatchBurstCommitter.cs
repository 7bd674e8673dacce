using System.Data.Common;
using Foerderworkflow.Engine.Persistence.Dialects;
using Foerderworkflow.Engine.Persistence.Model;
using Foerderworkflow.Engine.Persistence.Projections;
using Foerderworkflow.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Foerderworkflow.Engine.Persistence.Commits;

/// <summary>
/// For a database server: a burst goes as one batch (one round trip) on a pooled connection inside a read committed
/// transaction, then the gates' row counts are checked; a failed gate rolls everything back. The instance row is
/// locked first, so bursts of one instance queue behind each other instead of deadlocking; a concurrent DELETE of the
/// same bookmark row waits for the other transaction and then finds no row.
/// </summary>
/// <remarks>
/// Concurrent bursts share transactions (<see cref="CommitQueue"/>, a few writers): a group goes as one batch, every
/// instance row locked first and in id order, so that two groups never wait for each other in a circle. If any gate of
/// the group fails or the batch fails at all, the group is rolled back and each burst is written alone, so that each
/// gets exactly the outcome it would have had alone. Rejections are lost races, rare by nature, so that second round
/// costs nothing in the common case; the common case saves a transaction, a round trip and a connection per burst,
/// which is most of what a resume costs the database server.
/// </remarks>
internal sealed class BatchBurstCommitter : IBurstCommitter
{
    /// <summary>Transactions in flight at once; each holds a pooled connection while it writes.</summary>
    internal const int Writers = 4;

    /// <summary>Most bursts written in one transaction; bounds the latency of the first one in a group.</summary>
    internal const int MaxGroupSize = 64;

    private readonly IDbContextFactory<WorkflowDbContext> contexts;
    private readonly StoreDialect dialect;
    private readonly CommitProjections projections;
    private readonly CommitQueue queue;

    public BatchBurstCommitter(IDbContextFactory<WorkflowDbContext> contexts, StoreDialect dialect, CommitProjections projections)
    {
        this.contexts = contexts;
        this.dialect = dialect;
        this.projections = projections;
        queue = new CommitQueue(Writers, MaxGroupSize, WriteGroupAsync);
    }

    public int LargestGroup => queue.LargestGroup;

    public async Task<long> CommitAsync(BurstCommit commit, CancellationToken cancellationToken)
    {
        // Building the statements (serializing the state) is CPU work for the caller's thread, outside the queue.
        var statements = BurstCommitPlan.Build(commit, dialect, serverBatch: true, out var newVersion, projections);
        return (await queue.CommitAsync(new PendingCommit(commit.Instance.Id, statements, newVersion), cancellationToken)).GetValueOrDefault();
    }

    /// <summary>
    /// Its own transaction on a pooled connection, beside the bursts' writers: a database server's row locks let
    /// both run at once, and such writes (file numbers, sent marks) lock rows no burst touches in the same order.
    /// </summary>
    public async Task<long?> WriteAsync(List<SqlStatement> statements, bool returnsValue, CancellationToken cancellationToken)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await context.Database.OpenConnectionAsync(cancellationToken);
        var connection = context.Database.GetDbConnection();
        await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);
        long? returned = null;
        for (var s = 0; s < statements.Count; s++)
        {
            var statement = statements[s];
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
#pragma warning disable CA2100 // Fixed SQL of the store or a component's; every value is a parameter.
            command.CommandText = statement.Sql;
#pragma warning restore CA2100
            foreach (var value in statement.Parameters)
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = value.Name;
                parameter.Value = value.Value;
                command.Parameters.Add(parameter);
            }

            if (returnsValue && s == statements.Count - 1)
            {
                bool touched;
                await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
                {
                    var hasRow = await reader.ReadAsync(cancellationToken);
                    returned = hasRow && !reader.IsDBNull(0) ? Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture) : null;
                    while (await reader.ReadAsync(cancellationToken))
                    {
                    }

                    await reader.CloseAsync();
                    touched = reader.RecordsAffected > 0 || (reader.RecordsAffected < 0 && hasRow);
                }

                if (!touched && statement.WhenNoRows is { } refused)
                {
                    throw refused();
                }
            }
            else if (await command.ExecuteNonQueryAsync(cancellationToken) == 0 && statement.WhenNoRows is { } rejection)
            {
                throw rejection();
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return returned;
    }

    public void Dispose() => queue.Dispose();

    private async Task WriteGroupAsync(IReadOnlyList<PendingCommit> group)
    {
        if (group.Count > 1 && await TryWriteTogetherAsync(group))
        {
            foreach (var pending in group)
            {
                pending.Succeed();
            }

            return;
        }

        foreach (var pending in group)
        {
            try
            {
                if (await WriteAsync(pending.Statements) is { WhenNoRows: { } rejection })
                {
                    throw rejection();
                }

                pending.Succeed();
            }
#pragma warning disable CA1031 // The exception is the caller's outcome.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                pending.Fail(ex);
            }
        }
    }

    private async Task<bool> TryWriteTogetherAsync(IReadOnlyList<PendingCommit> group)
    {
        // BurstCommitPlan puts the instance write first (serverBatch): all of them go first, in id order.
        var ordered = group.OrderBy(p => p.InstanceId, StringComparer.Ordinal).ToList();
        var statements = ordered.Select(p => p.Statements[0]).Concat(ordered.SelectMany(p => p.Statements.Skip(1))).ToList();
        try
        {
            return await WriteAsync(statements) is null;
        }
#pragma warning disable CA1031 // Any failure sends the group's bursts one by one, where each meets its own outcome.
        catch (Exception)
#pragma warning restore CA1031
        {
            return false;
        }
    }

    /// <summary>Runs the statements in one transaction and commits it; returns the failed gate instead (rolled back).</summary>
    /// <remarks>Uncancellable: the writer writes for other callers too, and none of their tokens may abort a transaction half-way.</remarks>
    private async Task<SqlStatement?> WriteAsync(List<SqlStatement> statements)
    {
        await using var context = await contexts.CreateDbContextAsync(CancellationToken.None);
        await context.Database.OpenConnectionAsync(CancellationToken.None);
        var connection = context.Database.GetDbConnection();

        // Disposing the transaction without a commit rolls back.
        await using var transaction = await dialect.BeginWriteAsync(connection, CancellationToken.None);
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var statement in statements)
        {
            batch.BatchCommands.Add(ToCommand(batch, statement));
        }

        await batch.ExecuteNonQueryAsync(CancellationToken.None);
        SqlStatement? failed = null;
        for (var i = 0; i < statements.Count; i++)
        {
            if (batch.BatchCommands[i].RecordsAffected == 0 && statements[i].WhenNoRows is not null && (failed is null || statements[i].CheckOrder < failed.CheckOrder))
            {
                failed = statements[i];
            }
        }

        if (failed is not null)
        {
            return failed;
        }

        await transaction.CommitAsync(CancellationToken.None);
        return null;
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
