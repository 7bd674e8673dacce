using System.Net.Mail;

namespace Foerderworkflow.Notifications.Sending;

/// <summary>
/// The embedded default: <see cref="SmtpClient"/> with <see cref="SmtpDeliveryMethod.SpecifiedPickupDirectory"/>
/// writes each e-mail as an <c>.eml</c> file (named by a random GUID) into <see cref="NotificationOptions.PickupDirectory"/>.
/// </summary>
internal sealed class PickupDirectoryMailTransport : IMailTransport
{
    private readonly NotificationOptions options;

    public PickupDirectoryMailTransport(NotificationOptions options)
    {
        this.options = options;
        Directory = Path.GetFullPath(options.PickupDirectory);
    }

    public string Directory { get; }

    public async Task SendAsync(OutgoingEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        System.IO.Directory.CreateDirectory(Directory);
        using var message = MailMessageFactory.Create(email, options);
        using var client = new SmtpClient
        {
            DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory,
            PickupDirectoryLocation = Directory,
        };
        await client.SendMailAsync(message, cancellationToken);
    }
}
