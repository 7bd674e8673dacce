namespace Foerderworkflow.Engine.Runtime;

/// <summary>
/// Lets a background loop sleep until either someone signals new work or a timeout on the injected clock passes.
/// Signals coalesce: any number of <see cref="Set"/> calls while the loop is busy wake it once.
/// </summary>
internal sealed class WakeSignal : IDisposable
{
    private readonly SemaphoreSlim signal = new(0, 1);

    public void Set()
    {
        try
        {
            signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // Already signalled; the loop will look once more anyway.
        }
    }

    /// <summary>Returns when signalled, after <paramref name="timeout"/>, or when <paramref name="cancellationToken"/> is cancelled.</summary>
    public async Task WaitAsync(TimeSpan timeout, TimeProvider clock, CancellationToken cancellationToken)
    {
        using var sleeping = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var woken = signal.WaitAsync(sleeping.Token);
        await Task.WhenAny(woken, Task.Delay(timeout, clock, sleeping.Token));
        await sleeping.CancelAsync();

        // The losing wait ends cancelled; only its completion matters, not its outcome.
        await woken.ContinueWith(static _ => { }, TaskScheduler.Default);
    }

    public void Dispose() => signal.Dispose();
}
