using System.Net.Mail;
using System.Net.Mime;
using System.Text;

namespace Foerderworkflow.Notifications.Sending;

/// <summary>
/// Builds the MIME message: <c>multipart/alternative</c> with a plain-text and an HTML part, both UTF-8 and
/// quoted-printable (umlauts stay readable in the source); subject and display names as RFC 2047 encoded words.
/// </summary>
internal static class MailMessageFactory
{
    public const string ApplicationHeader = "X-Foerderworkflow-Application";

    public static MailMessage Create(OutgoingEmail email, NotificationOptions options)
    {
        var message = new MailMessage
        {
            From = new MailAddress(options.FromAddress, options.FromName, Encoding.UTF8),
            Subject = email.Content.Subject,
            SubjectEncoding = Encoding.UTF8,
            HeadersEncoding = Encoding.UTF8,
            BodyEncoding = Encoding.UTF8,
        };
        try
        {
            message.To.Add(new MailAddress(email.To));
            message.Headers.Add("Message-ID", $"<{email.MessageId:D}@foerderworkflow>");
            message.Headers.Add(ApplicationHeader, email.ApplicationId);
            message.AlternateViews.Add(View(email.Content.Text, MediaTypeNames.Text.Plain));
            message.AlternateViews.Add(View(email.Content.Html, MediaTypeNames.Text.Html));
            return message;
        }
        catch
        {
            message.Dispose();
            throw;
        }
    }

    private static AlternateView View(string content, string mediaType)
    {
        var view = AlternateView.CreateAlternateViewFromString(content, Encoding.UTF8, mediaType);
        view.TransferEncoding = TransferEncoding.QuotedPrintable;
        return view;
    }
}
