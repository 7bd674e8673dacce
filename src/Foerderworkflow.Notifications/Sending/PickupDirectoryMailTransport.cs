using System.Net.Mail;

namespace Foerderworkflow.Notifications.Sending;

/// <summary>
/// The embedded default: each e-mail becomes the file <c>{MessageId}.eml</c> in <see cref="NotificationOptions.PickupDirectory"/>.
/// </summary>
/// <remarks>
/// <see cref="SmtpClient"/> with <see cref="SmtpDeliveryMethod.SpecifiedPickupDirectory"/> writes the message into a
/// directory of its own under <c>.tmp</c> first, and only the finished file is renamed into place (atomic on one file
/// system): whoever reads the pickup directory never sees a half-written or empty <c>.eml</c>, and a process killed
/// while writing leaves only the temporary directory, which the next attempt replaces. Named by the SendEmail's
/// MessageId, a second delivery of the same message after a crash replaces the file instead of adding a copy.
/// </remarks>
internal sealed class PickupDirectoryMailTransport : IMailTransport
{
    private const string Temporary = ".tmp";

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
        var staging = Path.Combine(Directory, Temporary, email.MessageId.ToString("N"));
        if (System.IO.Directory.Exists(staging))
        {
            System.IO.Directory.Delete(staging, recursive: true);
        }

        System.IO.Directory.CreateDirectory(staging);
        using (var message = MailMessageFactory.Create(email, options))
        using (var client = new SmtpClient { DeliveryMethod = SmtpDeliveryMethod.SpecifiedPickupDirectory, PickupDirectoryLocation = staging })
        {
            await client.SendMailAsync(message, cancellationToken);
        }

        var written = System.IO.Directory.GetFiles(staging, "*.eml") is [var file] ? file : throw new IOException($"No .eml was written to {staging}.");
        File.Move(written, Path.Combine(Directory, email.MessageId.ToString("D") + ".eml"), overwrite: true);
        System.IO.Directory.Delete(staging, recursive: true);
    }
}
