using System.Globalization;
using Jint;

namespace Foerderworkflow.Engine.Expressions;

/// <summary>
/// Jint's own <c>TimeoutInterval</c> reads the stopwatch directly; this one reads the host's
/// <see cref="TimeProvider"/>, so a test can run a script into its time limit without waiting for it.
/// </summary>
internal sealed class TimeLimitConstraint(TimeProvider time, TimeSpan limit) : Constraint
{
    private long started;

    /// <summary>Checking less often only delays noticing the deadline by a few statements.</summary>
    public override bool IsAmortizable => true;

    public override void Reset() => started = time.GetTimestamp();

    public override void Check()
    {
        if (time.GetElapsedTime(started) > limit)
        {
            // A TimeoutException, like Jint's own, is not one a script's try/catch can swallow.
            throw new TimeoutException(string.Create(CultureInfo.InvariantCulture, $"ran longer than {limit.TotalSeconds:0.###} s"));
        }
    }
}
