namespace Foerderworkflow.Testing;

/// <summary>Waits on observable state: checks a condition until it holds or a deadline passes.</summary>
public static class Poll
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    /// <summary>Checks every 200 ms, or every <paramref name="interval"/> for a condition that is costly to check.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what, TimeSpan? interval = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + timeout;
        while (!await condition())
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Gave up after {timeout} waiting for {what}.");
            }

            await Task.Delay(interval ?? Interval, TimeProvider.System);
        }
    }
}
