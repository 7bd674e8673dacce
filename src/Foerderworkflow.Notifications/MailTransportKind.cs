namespace Foerderworkflow.Notifications;

/// <summary>How e-mails leave the worker (<c>Notifications:Transport</c>).</summary>
public enum MailTransportKind
{
    /// <summary>Each e-mail becomes an <c>.eml</c> file in a directory: the embedded default, nothing is sent.</summary>
    Pickup,

    /// <summary>An SMTP server, through MailKit over one reused connection, wrapped in a resilience pipeline.</summary>
    Smtp,
}
