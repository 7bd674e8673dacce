namespace Foerderworkflow.Notifications.Sending;

/// <summary>Hands an e-mail over for delivery: to an SMTP server, or into a pickup directory as an <c>.eml</c> file.</summary>
public interface IMailTransport
{
    /// <summary>Completes once the e-mail is accepted (the SMTP server answered 250 to the data, or the file is written).</summary>
    Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken);
}
