using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.Logging;

namespace Foerderworkflow.Engine.Timers;

/// <summary>
/// The embedded, single-node scheduler: sleeps on the injected <see cref="TimeProvider"/> until the earliest stored
/// timer is due (or a commit brings an earlier one), then fires every due timer. Timers live in the store, so a
/// restart loses none and fires the missed ones once.
/// </summary>
public sealed class PollingTimerScheduler(IWorkflowStore store, TimeProvider clock, ILogger<PollingTimerScheduler>? logger = null) : ITimerScheduler, IDisposable
{
    /// <summary>Re-reads the store at least this often, in case another process added timers.</summary>
    public static readonly TimeSpan MaxSleep = TimeSpan.FromMinutes(1);

    private const int BatchSize = 500;
    private static readonly TimeSpan MinBackoff = TimeSpan.FromSeconds(1);
    private readonly WakeSignal wake = new();

    public void Dispose() => wake.Dispose();

    public void OnTimersCommitted(IReadOnlyList<WorkflowTimer> timers) => wake.Set();

    /// <summary>Fires due timers until cancelled. <paramref name="fire"/> resumes the bookmark of a timer.</summary>
    public async Task RunAsync(Func<WorkflowTimer, CancellationToken, Task> fire, CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            var pass = clock.GetUtcNow();
            DateTimeOffset? next;
            try
            {
                await FireDueAsync(fire, cancellationToken);
                next = await store.NextTimerDueAsync(cancellationToken);
                backoff = TimeSpan.Zero;
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                // The store is unreachable (or a fire failed): try again later rather than end the loop, which
                // would stop every deadline (and, in a hosted service, the host).
                backoff = backoff == TimeSpan.Zero ? MinBackoff : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxSleep.Ticks));
                logger?.LogWarning(ex, "Timer pass failed; trying again in {Backoff}", backoff);
                await Task.Delay(backoff, clock, cancellationToken);
                continue;
            }

            var sleep = next is { } due ? due - clock.GetUtcNow() : MaxSleep;
            if (next <= pass)
            {
                // Due before this pass and still there: it could not fire (its instance is faulted). Look again later
                // instead of spinning on it.
                sleep = MaxSleep;
            }
            else if (sleep <= TimeSpan.Zero)
            {
                continue;
            }

            // Sleep until the next timer is due or a commit brings a new one, whichever comes first.
            await wake.WaitAsync(sleep < MaxSleep ? sleep : MaxSleep, clock, cancellationToken);
        }
    }

    /// <summary>
    /// Fires every timer due now, each at most once; returns how many were fired. A timer that stays stored after
    /// firing (its instance is faulted) is not fired again in this call. Tests call this after moving the clock.
    /// </summary>
    public async Task<int> FireDueAsync(Func<WorkflowTimer, CancellationToken, Task> fire, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fire);
        var attempted = new HashSet<string>(StringComparer.Ordinal);
        while (true)
        {
            // Timers already fired in this call may still be stored; ask for enough rows to see a full batch beyond them.
            var limit = BatchSize + attempted.Count;
            var due = await store.FindDueTimersAsync(clock.GetUtcNow(), limit, cancellationToken);
            var fresh = due.Where(t => !attempted.Contains(t.Id)).ToList();
            foreach (var timer in fresh)
            {
                attempted.Add(timer.Id);
                await fire(timer, cancellationToken);
            }

            if (fresh.Count == 0 || due.Count < limit)
            {
                return attempted.Count;
            }
        }
    }
}
