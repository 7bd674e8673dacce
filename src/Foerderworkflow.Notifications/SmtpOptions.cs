namespace Foerderworkflow.Notifications;

/// <summary>The SMTP server and its resilience pipeline (<c>Notifications:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary>STARTTLS (System.Net.Mail does not speak implicit TLS on port 465).</summary>
    public bool EnableSsl { get; set; }

    /// <summary>Empty for no authentication.</summary>
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>How long one attempt (connect, dialogue, data) may take before the pipeline gives it up.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Retries after the first attempt, with exponential backoff and jitter.</summary>
    public int MaxRetryAttempts { get; set; } = 6;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>The breaker opens when this share of attempts failed within <see cref="BreakerSamplingDuration"/>…</summary>
    public double BreakerFailureRatio { get; set; } = 0.5;

    /// <summary>…and at least this many attempts were made.</summary>
    public int BreakerMinimumThroughput { get; set; } = 5;

    public TimeSpan BreakerSamplingDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How long an open breaker refuses attempts before it lets one through.</summary>
    public TimeSpan BreakDuration { get; set; } = TimeSpan.FromSeconds(15);

    internal IEnumerable<string> Validate()
    {
        if (string.IsNullOrWhiteSpace(Host))
        {
            yield return "Notifications:Smtp:Host is required for the Smtp transport.";
        }

        if (Port is < 1 or > 65535)
        {
            yield return $"Notifications:Smtp:Port {Port} is not a TCP port.";
        }

        if (AttemptTimeout <= TimeSpan.Zero || AttemptTimeout > TimeSpan.FromDays(1))
        {
            yield return "Notifications:Smtp:AttemptTimeout must be positive and at most a day.";
        }

        if (MaxRetryAttempts is < 0 or > 100 || RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            yield return "Notifications:Smtp needs 0 <= MaxRetryAttempts <= 100 and 0 < RetryBaseDelay <= RetryMaxDelay.";
        }

        // Polly's own limits: ratio in (0, 1], throughput >= 2, sampling >= 0.5 s, break >= 0.5 s.
        if (BreakerFailureRatio is <= 0 or > 1 || BreakerMinimumThroughput < 2
            || BreakerSamplingDuration < TimeSpan.FromMilliseconds(500) || BreakDuration < TimeSpan.FromMilliseconds(500))
        {
            yield return "Notifications:Smtp breaker needs 0 < BreakerFailureRatio <= 1, BreakerMinimumThroughput >= 2, BreakerSamplingDuration and BreakDuration >= 0.5 s.";
        }
    }
}
