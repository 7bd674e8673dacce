using System.Collections.Concurrent;
using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>
/// A test-only activity that throws while its key has failures left (<see cref="FailNextRuns"/>), then completes.
/// Keys keep tests that run in parallel apart.
/// </summary>
[Activity(Type, "Tests", "Flaky", "Fails a configured number of times, then succeeds.")]
public sealed class FlakyActivity : Activity
{
    public const string Type = "Tests.Flaky";

    private static readonly ConcurrentDictionary<string, int> FailuresLeft = new(StringComparer.Ordinal);

    [Input(Required = true)]
    public Input<string> Key { get; set; } = null!;

    /// <summary>Makes the next <paramref name="times"/> runs of activities with this key throw; returns the key.</summary>
    public static string FailNextRuns(int times)
    {
        var key = Guid.NewGuid().ToString("N");
        FailuresLeft[key] = times;
        return key;
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var key = context.Get(Key)!;
        while (FailuresLeft.TryGetValue(key, out var left) && left > 0)
        {
            if (FailuresLeft.TryUpdate(key, left - 1, left))
            {
                throw new InvalidOperationException($"Flaky activity '{Id}' failed on purpose ({left - 1} failures left).");
            }
        }

        return ActivityResult.Done;
    }
}
