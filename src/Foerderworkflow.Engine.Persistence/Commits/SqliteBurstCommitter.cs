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

    public async Task<long> CommitAsync(BurstCommit commit, CancellationToken cancellationToken)
    {
        // Building the statements (serializing the state) is CPU work for the caller's thread, outside the queue.
        var statements = BurstCommitPlan.Build(commit, dialect, serverBatch: false, out var newVersion, projections);
        return (await queue.CommitAsync(new PendingCommit(commit.Instance.Id, statements, newVersion), cancellationToken)).GetValueOrDefault();
    }

    /// <summary>
    /// Queued like a burst and written in the next group, in a savepoint of its own: a file-number counter or the
    /// outbox's sent marks share the group's WAL sync instead of waiting for the write lock in SQLite's busy handler,
    /// which sleeps (1, 2, 5, … 100 ms) and let such writes starve behind a stream of bursts.
    /// </summary>
    public Task<long?> WriteAsync(List<SqlStatement> statements, bool returnsValue, CancellationToken cancellationToken) =>
        queue.CommitAsync(new PendingCommit(null, statements, 0, returnsValue), cancellationToken);

    public void Dispose() => queue.Close(Reset);

    private void WriteGroup(IReadOnlyList<PendingCommit> group)
    {
        var written = new List<(PendingCommit Pending, long? Returned)>(group.Count);

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
                written.Add((group[0], Execute(open, transaction, group[0])));
            }
            else
            {
                foreach (var pending in group)
                {
                    Run(open, transaction, Savepoint);
                    try
                    {
                        var returned = Execute(open, transaction, pending);
                        Run(open, transaction, ReleaseSavepoint);
                        written.Add((pending, returned));
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

        foreach (var (pending, returned) in written)
        {
            pending.Succeed(returned);
        }
    }

    /// <summary>Runs the statements of one commit; returns what its last statement returned if the commit asks for it.</summary>
    private long? Execute(SqliteConnection open, SqliteTransaction transaction, PendingCommit pending)
    {
        var statements = pending.Statements;
        long? returned = null;
        for (var s = 0; s < statements.Count; s++)
        {
            var statement = statements[s];
            var command = Prepared(open, statement.Sql, statement.Parameters);
            command.Transaction = transaction;
            for (var i = 0; i < statement.Parameters.Length; i++)
            {
                command.Parameters[i].Value = statement.Parameters[i].Value;
            }

            if (pending.ReturnsValue && s == statements.Count - 1)
            {
                bool touched;
                using (var reader = command.ExecuteReader())
                {
                    var hasRow = reader.Read();
                    returned = hasRow && !reader.IsDBNull(0) ? reader.GetInt64(0) : null;
                    while (reader.Read())
                    {
                    }

                    reader.Close();
                    touched = reader.RecordsAffected > 0 || (reader.RecordsAffected < 0 && hasRow);
                }

                if (!touched && statement.WhenNoRows is { } refused)
                {
                    throw refused();
                }
            }
            else if (command.ExecuteNonQuery() == 0 && statement.WhenNoRows is { } rejection)
            {
                throw rejection();
            }
        }

        return returned;
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
            // The write connection keeps its statement journals in memory: every burst of a group runs in a SAVEPOINT,
            // whose undo pages SQLite otherwise writes to a temporary file (strace: a few hundred writes per second).
            pragmas.CommandText = dialect.ConnectionPragmas + " PRAGMA temp_store = MEMORY;";
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
