using System.Threading.RateLimiting;

namespace Foerderworkflow.Server.Security.RateLimiting;

/// <summary>
/// Counts sign-in attempts per user name, whatever address they come from (the per-address limit is the middleware's
/// <see cref="RateLimitingRegistration.SignInPolicy"/>). Every attempt counts, a right password too: otherwise the
/// attempt after the limit would still tell an attacker whether the guess was right.
/// </summary>
internal sealed class SignInThrottle(RateLimitingOptions options, TimeProvider clock) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(userName =>
        RateLimitPartition.Get(userName, _ => new ClockedFixedWindowLimiter(options.SignIn.PerUserName, options.SignIn.Window, clock)));

    /// <summary>True when this attempt for <paramref name="userName"/> may be checked; else how long to wait.</summary>
    public bool TryAttempt(string? userName, out TimeSpan retryAfter)
    {
        using var lease = limiter.AttemptAcquire((userName ?? string.Empty).Trim().ToUpperInvariant());
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.Zero;
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
