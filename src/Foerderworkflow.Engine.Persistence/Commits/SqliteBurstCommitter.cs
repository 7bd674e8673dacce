using Foerderworkflow.Engine.Persistence.Dialects;
using Foerderworkflow.Engine.Persistence.Projections;
using Foerderworkflow.Engine.Storage;
using Microsoft.Data.Sqlite;

namespace Foerderworkflow.Engine.Persistence.Commits;

/// <summary>
/// SQLite has one writer at a time, so this process keeps one write connection with its statements prepared once and
/// queues its own commits instead of letting them fight over the file lock. Commits that arrive while a transaction is
/// being written share the next one (group commit, one WAL sync for all of them): each runs inside its own
/// <c>SAVEPOINT</c>, and one that fails (a lost race, an error) is rolled back to its savepoint alone and gets its
/// exception, while the others commit. A lone commit starts at once, so there is no added latency.
/// Every transaction is <c>BEGIN IMMEDIATE</c>: another process writing the same file is waited for (busy_timeout),
/// and the consumed-bookmark DELETE inside the transaction is the exactly-once gate across processes too.
/// </summary>
internal sealed class SqliteBurstCommitter : IBurstCommitter
{
    /// <summary>Most bursts written in one transaction; bounds the latency of the first one in a group.</summary>
    internal const int MaxGroupSize = 64;

    private const string Savepoint = "SAVEPOINT burst";
    private const string ReleaseSavepoint = "RELEASE burst";
    private const string RollbackToSavepoint = "ROLLBACK TO burst";

    private readonly string connectionString;
    private readonly SqliteDialect dialect;
    private readonly CommitProjections projections;

    private readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);
    private readonly CommitQueue queue;
    private SqliteConnection? connection;

    public SqliteBurstCommitter(string connectionString, SqliteDialect dialect, CommitProjections projections)
    {
        this.connectionString = connectionString;
        this.dialect = dialect;
        this.projections = projections;

        // One writer: SQLite has one writer at a time anyway, and this one keeps its connection and prepared statements.
        queue = new CommitQueue(writers: 1, MaxGroupSize, group =>
        {
            WriteGroup(group);
            return Task.CompletedTask;
        });
    }

    public int LargestGroup => queue.LargestGroup;

    public Task<long> CommitAsync(BurstCommit commit, CancellationToken cancellationToken)
    {
        // Building the statements (serializing the state) is CPU work for the caller's thread, outside the queue.
        var statements = BurstCommitPlan.Build(commit, dialect, serverBatch: false, out var newVersion, projections);
        return queue.CommitAsync(new PendingCommit(commit.Instance.Id, statements, newVersion), cancellationToken);
    }

    public void Dispose() => queue.Close(Reset);

    private void WriteGroup(IReadOnlyList<PendingCommit> group)
    {
        var written = new List<PendingCommit>(group.Count);

        // A burst refused by its gate is told so only after the group's transaction committed: its caller reads the
        // case next (to replay a retried request), and must see the bursts that won, not the state before them.
        var rejected = new List<(PendingCommit Pending, Exception Reason)>();
        try
        {
            var open = Open();
            using var transaction = open.BeginTransaction(deferred: false);
            if (group.Count == 1)
            {
                // No savepoint needed: the transaction is the burst. Any exception rolls it back (dispose).
                Execute(open, transaction, group[0].Statements);
                written.Add(group[0]);
            }
            else
            {
                foreach (var pending in group)
                {
                    Run(open, transaction, Savepoint);
                    try
                    {
                        Execute(open, transaction, pending.Statements);
                        Run(open, transaction, ReleaseSavepoint);
                        written.Add(pending);
                    }
                    catch (Exception ex) when (ex is CommitRejectedException or SqliteException)
                    {
                        // Undo this burst only. If SQLite already rolled the whole transaction back (I/O error, disk
                        // full), ROLLBACK TO fails and the catch below fails the entire group: nothing was written.
                        Run(open, transaction, RollbackToSavepoint);
                        Run(open, transaction, ReleaseSavepoint);
                        rejected.Add((pending, ex));
                    }
                }
            }

            transaction.Commit();
        }
#pragma warning disable CA1031 // Every exception goes to the callers whose bursts were not written.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            if (ex is not CommitRejectedException)
            {
                // Whatever broke (disk, file replaced, busy timeout), the next transaction starts on a fresh connection.
                Reset();
            }

            foreach (var (pending, reason) in rejected)
            {
                pending.Fail(reason);
            }

            foreach (var pending in group)
            {
                pending.Fail(ex);
            }

            return;
        }

        foreach (var (pending, reason) in rejected)
        {
            pending.Fail(reason);
        }

        foreach (var pending in written)
        {
            pending.Succeed();
        }
    }

    private void Execute(SqliteConnection open, SqliteTransaction transaction, List<SqlStatement> statements)
    {
        foreach (var statement in statements)
        {
            var command = Prepared(open, statement.Sql, statement.Parameters);
            command.Transaction = transaction;
            for (var i = 0; i < statement.Parameters.Length; i++)
            {
                command.Parameters[i].Value = statement.Parameters[i].Value;
            }

            if (command.ExecuteNonQuery() == 0 && statement.WhenNoRows is { } rejection)
            {
                throw rejection();
            }
        }
    }

    private void Run(SqliteConnection open, SqliteTransaction transaction, string sql)
    {
        var command = Prepared(open, sql, []);
        command.Transaction = transaction;
        command.ExecuteNonQuery();
    }

    private SqliteConnection Open()
    {
        if (connection is not null)
        {
            return connection;
        }

        var opened = new SqliteConnection(connectionString);
        opened.Open();
        using (var pragmas = opened.CreateCommand())
        {
            pragmas.CommandText = dialect.ConnectionPragmas;
            pragmas.ExecuteNonQuery();
        }

        connection = opened;
        return opened;
    }

    private SqliteCommand Prepared(SqliteConnection open, string sql, SqlParameterValue[] parameters)
    {
        if (prepared.TryGetValue(sql, out var command))
        {
            // Values are set by position: a projection that sent the same text with other parameters would write garbage.
            return command.Parameters.Count == parameters.Length
                ? command
                : throw new InvalidOperationException($"The statement '{sql}' came with {parameters.Length} parameters, earlier with {command.Parameters.Count}.");
        }

        command = open.CreateCommand();
#pragma warning disable CA2100 // Fixed SQL from BurstCommitPlan; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var parameter in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = parameter.Name });
        }

        prepared.Add(sql, command);
        return command;
    }

    private void Reset()
    {
        foreach (var command in prepared.Values)
        {
            command.Dispose();
        }

        prepared.Clear();
        connection?.Dispose();
        connection = null;
    }
}
