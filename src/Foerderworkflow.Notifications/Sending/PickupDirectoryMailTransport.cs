namespace Foerderworkflow.Notifications.Sending;

/// <summary>
/// The embedded default: each e-mail becomes the file <c>{MessageId}.eml</c> in <see cref="NotificationOptions.PickupDirectory"/>.
/// </summary>
/// <remarks>
/// The message is written by MimeKit into a directory of its own under <c>.tmp</c> first, flushed to disk, and only the
/// finished file is renamed into place (atomic on one file system): whoever reads the pickup directory never sees a
/// half-written or empty <c>.eml</c>, and a process killed while writing leaves only the temporary directory, which the
/// next attempt replaces. Named by the SendEmail's MessageId, a second delivery of the same message after a crash
/// replaces the file instead of adding a copy.
/// </remarks>
internal sealed class PickupDirectoryMailTransport : IMailTransport
{
    private const string Temporary = ".tmp";

    private readonly NotificationOptions options;
    private readonly TimeProvider timeProvider;

    public PickupDirectoryMailTransport(NotificationOptions options, TimeProvider? timeProvider = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.timeProvider = timeProvider ?? TimeProvider.System;
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
        var written = Path.Combine(staging, email.MessageId.ToString("D") + ".eml");
        using (var message = MailMessageFactory.Create(email, options, timeProvider.GetLocalNow()))
        {
            await using (var file = new FileStream(written, FileMode.CreateNew, FileAccess.Write, FileShare.None, bufferSize: 4096, useAsync: true))
            {
                await message.WriteToAsync(MailMessageFactory.Format, file, cancellationToken);

                // On disk before the rename: the dispatcher records the message as sent (synchronously, in SQLite) right
                // after this returns, so a power cut must not leave a record without its file.
                file.Flush(flushToDisk: true);
            }
        }

        File.Move(written, Path.Combine(Directory, email.MessageId.ToString("D") + ".eml"), overwrite: true);
        System.IO.Directory.Delete(staging, recursive: true);
    }
}
