using System.Text;
using MimeKit;
using MimeKit.Text;

namespace Foerderworkflow.Notifications.Sending;

/// <summary>
/// Builds the MIME message: <c>multipart/alternative</c> with a plain-text and an HTML part, both UTF-8 and
/// quoted-printable (umlauts stay readable in the source); subject and display names as RFC 2047 encoded words. With
/// attachments (the Bescheid as PDF) that part goes into <c>multipart/mixed</c> beside them.
/// </summary>
internal static class MailMessageFactory
{
    public const string ApplicationHeader = "X-Foerderworkflow-Application";

    /// <summary>
    /// Strict addresses: MimeKit by default also accepts a local part without domain, which no SMTP server would
    /// deliver anywhere we mean.
    /// </summary>
    private static readonly ParserOptions Addresses = new() { AllowAddressesWithoutDomain = false };

    /// <summary>
    /// How a message is written to the wire and into <c>.eml</c> files: CRLF line ends as SMTP has them, and no raw
    /// UTF-8 in headers (everything stays 7-bit, whatever the server announces).
    /// </summary>
    public static FormatOptions Format { get; } = CreateFormat();

    /// <summary>True if <paramref name="text"/> is one mailbox with a domain (<c>name@example.org</c> or <c>Name &lt;name@example.org&gt;</c>).</summary>
    public static bool IsMailbox(string text) =>
        MailboxAddress.TryParse(Addresses, text, out var mailbox) && mailbox.Address.Contains('@', StringComparison.Ordinal);

    /// <summary>A message of its own for each e-mail; it can be written more than once, so every retry sends the same bytes.</summary>
    public static MimeMessage Create(OutgoingEmail email, NotificationOptions options, DateTimeOffset date)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(options);
        var message = new MimeMessage { Date = date };

        // Spelled as RFC 5322 has it ("Message-ID"), not MimeKit's "Message-Id": people and scripts grep the .eml files for it.
        message.Headers.Replace(new Header("Message-ID", $"<{email.MessageId:D}@foerderworkflow>"));

        // UTF-8 named explicitly: left to itself MimeKit picks the smallest charset that fits (ISO-8859-1 for German).
        message.From.Add(new MailboxAddress(Encoding.UTF8, options.FromName, options.FromAddress));
        message.To.Add(MailboxAddress.Parse(Addresses, email.To));
        message.Headers.Replace(HeaderId.Subject, Encoding.UTF8, email.Content.Subject);
        if (email.ApplicationId.Length > 0)
        {
            // Lets an operator find the e-mails of one case; a sign-in link belongs to none.
            message.Headers.Add(ApplicationHeader, email.ApplicationId);
        }

        var alternative = new MultipartAlternative
        {
            Part(TextFormat.Plain, email.Content.Text),
            Part(TextFormat.Html, email.Content.Html),
        };
        if (email.Attachments is not { Count: > 0 } attachments)
        {
            message.Body = alternative;
            return message;
        }

        // multipart/mixed: the text first, then each file (the Bescheid) base64-encoded with its name.
        var mixed = new Multipart("mixed") { alternative };
        foreach (var attachment in attachments)
        {
            var type = ContentType.TryParse(attachment.ContentType, out var parsed) ? parsed : new ContentType("application", "octet-stream");
            var part = new MimePart(type)
            {
                Content = new MimeContent(new MemoryStream(attachment.Content, writable: false)),
                ContentDisposition = new ContentDisposition(ContentDisposition.Attachment),
                ContentTransferEncoding = ContentEncoding.Base64,
            };
            part.ContentDisposition.Parameters.Add(Encoding.UTF8, "filename", attachment.FileName);
            part.ContentType.Parameters.Add(Encoding.UTF8, "name", attachment.FileName);
            mixed.Add(part);
        }

        message.Body = mixed;
        return message;
    }

    private static TextPart Part(TextFormat format, string content)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, content);
        return part;
    }

    private static FormatOptions CreateFormat()
    {
        var format = FormatOptions.Default.Clone();
        format.NewLineFormat = NewLineFormat.Dos;
        format.International = false;
        return format;
    }
}
