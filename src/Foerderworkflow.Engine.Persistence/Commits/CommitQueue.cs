using System.Diagnostics;

namespace Foerderworkflow.Engine.Persistence.Commits;

/// <summary>
/// Group commit: bursts that arrive while the writers are busy queue up, and the next free writer takes up to
/// <c>maxGroupSize</c> of them into one transaction. A transaction's fixed cost (round trips, the commit record, the
/// WAL sync, the connection) is then paid once per group, not once per burst. A lone commit finds a writer free and
/// starts at once, so there is no added latency. How a group is written, and what happens when one burst of it is
/// rejected, is the committer's business (<c>writeGroup</c>); it must give every commit of the group an outcome.
/// </summary>
internal sealed class CommitQueue(int writers, int maxGroupSize, Func<IReadOnlyList<PendingCommit>, Task> writeGroup) : IDisposable
{
    private readonly SemaphoreSlim writerSlots = new(writers, writers);
    private readonly Queue<PendingCommit> queue = new();
    private readonly int writers = writers;
    private int largestGroup;

    /// <summary>The most bursts one transaction has held so far (diagnostics and tests).</summary>
    public int LargestGroup => Volatile.Read(ref largestGroup);

    public async Task<long?> CommitAsync(PendingCommit pending, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        lock (queue)
        {
            queue.Enqueue(pending);
        }

        // If a writer is free, this caller writes (no hand-over); otherwise a busy writer takes this commit into its
        // next transaction and this caller only waits for the outcome.
        if (writerSlots.Wait(0, CancellationToken.None))
        {
            await DrainAsync(pending);
        }

        if (!pending.Outcome.IsCompleted && cancellationToken.CanBeCanceled)
        {
            // Cancelling works only while the commit is still queued; once in a transaction its outcome is decided.
            await using var registration = cancellationToken.Register(static state => ((PendingCommit)state!).TryCancel(), pending);
            return await pending.Outcome;
        }

        return await pending.Outcome;
    }

    public void Dispose() => Close(static () => { });

    /// <summary>Waits until no writer is writing, runs <paramref name="cleanup"/> and refuses further work.</summary>
    public void Close(Action cleanup)
    {
        for (var i = 0; i < writers; i++)
        {
            writerSlots.Wait();
        }

        try
        {
            cleanup();
        }
        finally
        {
            writerSlots.Dispose();
        }
    }

    /// <summary>
    /// Writes queued commits group by group while holding a writer slot, then releases it. A caller whose own commit is
    /// done hands the rest of a busy queue to a pool thread after a few more groups, so that nobody's call is held up
    /// indefinitely by other callers' work.
    /// </summary>
    private async Task DrainAsync(PendingCommit? own)
    {
        while (true)
        {
            var groupsAfterOwn = 0;
            try
            {
                while (await WriteNextGroupAsync())
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
                writerSlots.Release();
            }

            // A commit queued after the last group but before the release found every writer busy: take it up.
            if (!HasQueued() || !writerSlots.Wait(0, CancellationToken.None))
            {
                return;
            }
        }
    }

    private async Task DrainInBackgroundAsync()
    {
        await writerSlots.WaitAsync();
        await DrainAsync(null);
    }

    private bool HasQueued()
    {
        lock (queue)
        {
            return queue.Count > 0;
        }
    }

    /// <summary>Writes the next group of queued commits; false when there was nothing to write.</summary>
    private async Task<bool> WriteNextGroupAsync()
    {
        var group = new List<PendingCommit>();
        lock (queue)
        {
            while (group.Count < maxGroupSize && queue.TryDequeue(out var next))
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

        InterlockedMax(ref largestGroup, group.Count);
        try
        {
            await writeGroup(group);
        }
#pragma warning disable CA1031 // Whatever escaped the committer goes to the callers still waiting, never to the writer's own caller.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var pending in group)
            {
                pending.Fail(ex);
            }
        }

        return true;
    }

    private static void InterlockedMax(ref int location, int value)
    {
        var seen = Volatile.Read(ref location);
        while (value > seen)
        {
            var previous = Interlocked.CompareExchange(ref location, value, seen);
            if (previous == seen)
            {
                return;
            }

            seen = previous;
        }
    }
}

/// <summary>
/// A burst's statements waiting for a writer: queued, then claimed into a transaction (or cancelled before that). Its
/// outcome is the instance's new version; for a plain write (<see cref="ReturnsValue"/>, no instance) the first column
/// of the last statement's first row, or null.
/// </summary>
internal sealed class PendingCommit(string? instanceId, List<SqlStatement> statements, long newVersion, bool returnsValue = false)
{
    private const int Queued = 0;
    private const int Claimed = 1;
    private const int Cancelled = 2;

    private readonly TaskCompletionSource<long?> outcome = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int state;

    /// <summary>The burst's instance; null for a plain write of another component's rows.</summary>
    public string? InstanceId { get; } = instanceId;

    public List<SqlStatement> Statements { get; } = statements;

    /// <summary>A plain write whose caller wants the value the last statement returns (e.g. a counter's <c>RETURNING</c>).</summary>
    public bool ReturnsValue { get; } = returnsValue;

    public Task<long?> Outcome => outcome.Task;

    public bool TryClaim() => Interlocked.CompareExchange(ref state, Claimed, Queued) == Queued;

    public void TryCancel()
    {
        if (Interlocked.CompareExchange(ref state, Cancelled, Queued) == Queued)
        {
            outcome.TrySetCanceled();
        }
    }

    /// <summary>Committed: a burst's outcome is its new version, a plain write's the value its last statement returned.</summary>
    public void Succeed(long? returned = null) => outcome.TrySetResult(ReturnsValue ? returned : newVersion);

    /// <summary>Sets the failure unless the commit already has an outcome.</summary>
    public void Fail(Exception exception)
    {
        Debug.Assert(Volatile.Read(ref state) == Claimed, "Only a claimed commit has an outcome.");
        outcome.TrySetException(exception);
    }
}
