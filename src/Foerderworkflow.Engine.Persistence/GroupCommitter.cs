using System.Threading.Channels;
using Foerderworkflow.Engine.Persistence.Dialects;
using Foerderworkflow.Engine.Persistence.Model;
using Foerderworkflow.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Foerderworkflow.Engine.Persistence;

/// <summary>
/// Group commit for SQLite, where only one writer can hold the database anyway: bursts that arrive while a
/// transaction is being written wait, and the next transaction takes all of them, one savepoint per burst. A burst
/// whose gate fails (bookmark already consumed, version moved) or whose statements throw is rolled back to its
/// savepoint alone; the others commit together with one fsync. Each caller learns its own outcome only after the
/// transaction committed, so "committed" still means durable.
/// </summary>
internal sealed class GroupCommitter : IAsyncDisposable
{
    /// <summary>Bursts per transaction at most; keeps a transaction short enough for readers in WAL mode.</summary>
    private const int MaxBatch = 64;

    private readonly IDbContextFactory<WorkflowDbContext> contexts;
    private readonly StoreDialect dialect;
    private readonly BurstCommitWriter writer;
    private readonly Channel<PendingCommit> queue = Channel.CreateUnbounded<PendingCommit>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;

    public GroupCommitter(IDbContextFactory<WorkflowDbContext> contexts, StoreDialect dialect, BurstCommitWriter writer)
    {
        this.contexts = contexts;
        this.dialect = dialect;
        this.writer = writer;
        loop = Task.Run(RunAsync);
    }

    public Task CommitAsync(BurstCommit commit)
    {
        var pending = new PendingCommit(commit, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(pending), this);

        return pending.Done.Task;
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        await loop;
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingCommit>(MaxBatch);
        while (await queue.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < MaxBatch && queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            await WriteAsync(batch);
        }
    }

    private async Task WriteAsync(List<PendingCommit> batch)
    {
        var outcomes = new (long Version, Exception? Error)[batch.Count];
        try
        {
            await using var context = await contexts.CreateDbContextAsync();
            await context.Database.OpenConnectionAsync();
            var connection = context.Database.GetDbConnection();
            await using var transaction = await dialect.BeginWriteAsync(connection, CancellationToken.None);
            if (batch.Count == 1)
            {
                // Alone in the transaction: a failure rolls back the whole transaction, no savepoint needed.
                outcomes[0] = (await writer.WriteAsync(connection, transaction, batch[0].Commit, CancellationToken.None), null);
            }

            for (var i = 0; i < batch.Count && batch.Count > 1; i++)
            {
                var savepoint = $"burst{i}";
                await transaction.SaveAsync(savepoint);
                try
                {
                    outcomes[i] = (await writer.WriteAsync(connection, transaction, batch[i].Commit, CancellationToken.None), null);
                    await transaction.ReleaseAsync(savepoint);
                }
#pragma warning disable CA1031 // The burst's own failure goes to its caller; the batch goes on without it.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    await transaction.RollbackAsync(savepoint);
                    outcomes[i] = (0, ex);
                }
            }

            await transaction.CommitAsync();
        }
#pragma warning disable CA1031 // A failed transaction fails every burst in it; each caller gets the exception.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var pending in batch)
            {
                pending.Done.TrySetException(ex);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Error is { } error)
            {
                batch[i].Done.TrySetException(error);
            }
            else
            {
                batch[i].Commit.Instance.Version = outcomes[i].Version;
                batch[i].Done.TrySetResult();
            }
        }
    }

    private sealed record PendingCommit(BurstCommit Commit, TaskCompletionSource Done);
}
