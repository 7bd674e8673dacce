using System.Diagnostics;
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
internal sealed class SqliteBurstCommitter(string connectionString, SqliteDialect dialect, CommitProjections projections) : IBurstCommitter
{
    /// <summary>Most bursts written in one transaction; bounds the latency of the first one in a group.</summary>
    internal const int MaxGroupSize = 64;

    private const string Savepoint = "SAVEPOINT burst";
    private const string ReleaseSavepoint = "RELEASE burst";
    private const string RollbackToSavepoint = "ROLLBACK TO burst";

    private readonly SemaphoreSlim writer = new(1, 1);
    private readonly Queue<PendingCommit> queue = new();
    private readonly Dictionary<string, SqliteCommand> prepared = new(StringComparer.Ordinal);
    private SqliteConnection? connection;

    /// <summary>The most bursts one transaction has held so far (diagnostics and tests).</summary>
    internal int LargestGroup { get; private set; }

    public async Task<long> CommitAsync(BurstCommit commit, CancellationToken cancellationToken)
    {
        // Building the statements (serializing the state) is CPU work for the caller's thread, outside the queue.
        var pending = new PendingCommit(BurstCommitPlan.Build(commit, dialect, serverBatch: false, out var newVersion, projections), newVersion);
        cancellationToken.ThrowIfCancellationRequested();
        lock (queue)
        {
            queue.Enqueue(pending);
        }

        // If nobody is writing, this caller writes (no hand-over, no added latency); otherwise the current writer
        // takes this commit into its next transaction and this caller only waits for the outcome.
        if (writer.Wait(0, CancellationToken.None))
        {
            Drain(pending);
        }

        if (!pending.Outcome.IsCompleted && cancellationToken.CanBeCanceled)
        {
            // Cancelling works only while the commit is still queued; once in a transaction its outcome is decided.
            await using var registration = cancellationToken.Register(static state => ((PendingCommit)state!).TryCancel(), pending);
            return await pending.Outcome;
        }

        return await pending.Outcome;
    }

    public void Dispose()
    {
        writer.Wait();
        try
        {
            Reset();
        }
        finally
        {
            writer.Release();
            writer.Dispose();
        }
    }

    /// <summary>
    /// Writes queued commits group by group while holding the writer, then releases it. A caller whose own commit is
    /// done hands the rest of a busy queue to a pool thread after a few more groups, so that nobody's call is held up
    /// indefinitely by other callers' work.
    /// </summary>
    private void Drain(PendingCommit? own)
    {
        while (true)
        {
            var groupsAfterOwn = 0;
            try
            {
                while (WriteNextGroup())
                {
                    if (own is { Outcome.IsCompleted: true } && ++groupsAfterOwn >= 2 && HasQueued())
                    {
                        _ = Task.Run(DrainInBackgroundAsync);
                        return;
                    }
                }
            }
            finally
            {
                writer.Release();
            }

            // A commit queued after the last group but before the release found the writer taken: take it up.
            if (!HasQueued() || !writer.Wait(0, CancellationToken.None))
            {
                return;
            }
        }
    }

    private async Task DrainInBackgroundAsync()
    {
        await writer.WaitAsync();
        Drain(null);
    }

    private bool HasQueued()
    {
        lock (queue)
        {
            return queue.Count > 0;
        }
    }

    /// <summary>Writes the next group of queued commits; false when there was nothing to write.</summary>
    private bool WriteNextGroup()
    {
        var group = new List<PendingCommit>();
        lock (queue)
        {
            while (group.Count < MaxGroupSize && queue.TryDequeue(out var next))
            {
                if (next.TryClaim())
                {
                    group.Add(next);
                }
            }
        }

        if (group.Count == 0)
        {
            return HasQueued();
        }

        LargestGroup = Math.Max(LargestGroup, group.Count);
        WriteGroup(group);
        return true;
    }

    private void WriteGroup(List<PendingCommit> group)
    {
        var written = new List<PendingCommit>(group.Count);
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
                        pending.Fail(ex);
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

            foreach (var pending in group)
            {
                pending.Fail(ex);
            }

            return;
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

    /// <summary>A burst waiting for the writer: queued, then claimed into a transaction (or cancelled before that).</summary>
    private sealed class PendingCommit(List<SqlStatement> statements, long newVersion)
    {
        private const int Queued = 0;
        private const int Claimed = 1;
        private const int Cancelled = 2;

        private readonly TaskCompletionSource<long> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int state;

        public List<SqlStatement> Statements { get; } = statements;

        public Task<long> Outcome => outcome.Task;

        public bool TryClaim() => Interlocked.CompareExchange(ref state, Claimed, Queued) == Queued;

        public void TryCancel()
        {
            if (Interlocked.CompareExchange(ref state, Cancelled, Queued) == Queued)
            {
                outcome.TrySetCanceled();
            }
        }

        public void Succeed() => outcome.TrySetResult(newVersion);

        public void Fail(Exception exception)
        {
            Debug.Assert(state == Claimed, "Only a claimed commit has an outcome.");
            outcome.TrySetException(exception);
        }
    }
}
