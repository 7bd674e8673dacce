using System.Threading.RateLimiting;

namespace Foerderworkflow.Server.Security.RateLimiting;

/// <summary>
/// A fixed-window limiter on the server's <see cref="TimeProvider"/>: System.Threading.RateLimiting's own limiters
/// run on the stopwatch and replenish on a timer, so a test could neither move past a window nor rely on one not
/// ending mid-test. A window starts with the first request after the previous one ended; no queueing (refused at once,
/// with the time until the window ends as <see cref="MetadataName.RetryAfter"/>).
/// </summary>
internal sealed class ClockedFixedWindowLimiter(int permitLimit, TimeSpan window, TimeProvider clock) : RateLimiter
{
    private readonly Lock gate = new();
    private DateTimeOffset windowEnd = DateTimeOffset.MinValue;
    private int used;

    /// <summary>Idle (so the partitioned limiter may drop it) only once its window has ended: nothing counted is lost.</summary>
    public override TimeSpan? IdleDuration
    {
        get
        {
            lock (gate)
            {
                var now = clock.GetUtcNow();
                return now >= windowEnd ? now - windowEnd : null;
            }
        }
    }

    public override RateLimiterStatistics? GetStatistics()
    {
        lock (gate)
        {
            return new RateLimiterStatistics { CurrentAvailablePermits = clock.GetUtcNow() >= windowEnd ? permitLimit : permitLimit - used };
        }
    }

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (now >= windowEnd)
            {
                windowEnd = now + window;
                used = 0;
            }

            // Asking for no permit asks whether one is left.
            if (permitCount == 0 ? used < permitLimit : used + permitCount <= permitLimit)
            {
                used += permitCount;
                return Lease.Granted;
            }

            return new Lease(windowEnd - now);
        }
    }

    protected override ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken) =>
        ValueTask.FromResult(AttemptAcquireCore(permitCount));

    private sealed class Lease(TimeSpan? retryAfter) : RateLimitLease
    {
        public static readonly Lease Granted = new(null);

        public override bool IsAcquired => retryAfter is null;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
