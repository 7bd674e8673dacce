namespace Foerderworkflow.Notifications;

/// <summary>The SMTP server and its resilience pipeline (<c>Notifications:Smtp</c>).</summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    /// <summary><c>None</c>, <c>StartTls</c>, <c>SslOnConnect</c> (port 465) or <c>Auto</c>; see <see cref="SmtpSecurity"/>.</summary>
    public SmtpSecurity Security { get; set; } = SmtpSecurity.None;

    /// <summary>
    /// The key before <see cref="Security"/>: <c>true</c> still means STARTTLS while <see cref="Security"/> is <c>None</c>,
    /// so a deployment configured with it never falls back to plain text unnoticed.
    /// </summary>
    public bool EnableSsl { get; set; }

    /// <summary>Empty for no authentication. The password goes over the wire as the server's SASL mechanism wants it: use TLS.</summary>
    public string Username { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>
    /// A PEM file with the server's self-signed certificate or the private CA that issued it, trusted for this server in
    /// addition to the system's roots. The host name must still match the certificate; empty trusts the system's roots only.
    /// </summary>
    public string TrustedCertificateFile { get; set; } = "";

    /// <summary>Whether the TLS handshake checks the server certificate's revocation (CRL/OCSP; needs the network to reach them).</summary>
    public bool CheckCertificateRevocation { get; set; } = true;

    /// <summary>
    /// How long the one SMTP connection stays open without a mail before it is closed with QUIT; a burst of mails shares
    /// it. Keep it below the server's own idle timeout (RFC 5321 asks servers for at least 5 minutes).
    /// </summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(30);

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

        if (!Enum.IsDefined(Security))
        {
            yield return $"Notifications:Smtp:Security '{Security}' is unknown; use None, StartTls, SslOnConnect or Auto.";
        }

        if (!string.IsNullOrEmpty(TrustedCertificateFile) && LoadTrustedCertificates() is { } problem)
        {
            yield return problem;
        }

        if (IdleTimeout <= TimeSpan.Zero || IdleTimeout > TimeSpan.FromHours(1))
        {
            yield return "Notifications:Smtp:IdleTimeout must be positive and at most an hour.";
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

    /// <summary>What the connection really uses: <see cref="Security"/>, raised to STARTTLS by the former <see cref="EnableSsl"/>.</summary>
    internal SmtpSecurity EffectiveSecurity => EnableSsl && Security == SmtpSecurity.None ? SmtpSecurity.StartTls : Security;

    /// <summary>Null if <see cref="TrustedCertificateFile"/> holds at least one PEM certificate, else why not.</summary>
    private string? LoadTrustedCertificates()
    {
        try
        {
            return Sending.SmtpCertificateTrust.Load(TrustedCertificateFile).Count == 0
                ? $"Notifications:Smtp:TrustedCertificateFile '{TrustedCertificateFile}' holds no PEM certificate."
                : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            return $"Notifications:Smtp:TrustedCertificateFile '{TrustedCertificateFile}' cannot be read: {ex.Message}";
        }
    }
}
