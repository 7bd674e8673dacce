namespace Foerderworkflow.Notifications;

/// <summary>How the SMTP connection is encrypted (<c>Notifications:Smtp:Security</c>).</summary>
public enum SmtpSecurity
{
    /// <summary>Plain text, no TLS (a relay on the same host or a test catcher).</summary>
    None,

    /// <summary>STARTTLS is required (submission port 587, or 25): a server that does not offer it is refused.</summary>
    StartTls,

    /// <summary>Implicit TLS from the first byte (SMTPS, port 465).</summary>
    SslOnConnect,

    /// <summary>Implicit TLS on port 465, otherwise STARTTLS if the server offers it and plain text if not.</summary>
    Auto,
}
