using System.Net;
using System.Text.RegularExpressions;
using Foerderworkflow.Testing;
using MimeKit;

namespace Foerderworkflow.BrowserTests;

/// <summary>The <c>.eml</c> files the portal's server writes, as an applicant finds them in their inbox, and their links.</summary>
public static partial class PortalMailbox
{
    /// <summary>
    /// Waits (up to two minutes: the outbox relay and the notification worker deliver after the commit, in the
    /// background, on a busy machine) for the e-mail about <paramref name="fileNumber"/> whose subject contains
    /// <paramref name="subject"/>.
    /// </summary>
    public static async Task<MimeMessage> WaitForAsync(PortalServer server, string fileNumber, string subject)
    {
        ArgumentNullException.ThrowIfNull(server);
        MimeMessage? found = null;
        await Poll.UntilAsync(async () => (found = await FindAsync(server.MailFolder, fileNumber, subject)) is not null, TimeSpan.FromMinutes(2),
            $"an e-mail about {fileNumber} with '{subject}' in its subject in {server.MailFolder}");
        return found!;
    }

    /// <summary>
    /// Waits for the sign-in link e-mail to <paramref name="address"/> and returns its one link to the portal's link
    /// page (<c>/anmelden/link?code=…</c>).
    /// </summary>
    public static async Task<Uri> WaitForSignInLinkAsync(PortalServer server, string address)
    {
        ArgumentNullException.ThrowIfNull(server);
        Uri? link = null;
        await Poll.UntilAsync(async () =>
            {
                foreach (var file in Directory.Exists(server.MailFolder) ? Directory.GetFiles(server.MailFolder, "*.eml") : [])
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.Subject?.Contains("Anmeldelink", StringComparison.Ordinal) == true
                        && message.To.Mailboxes.Any(m => string.Equals(m.Address, address, StringComparison.OrdinalIgnoreCase)))
                    {
                        link = Links(message).Single(l => l.AbsolutePath == "/anmelden/link");
                        return true;
                    }
                }

                return false;
            },
            TimeSpan.FromMinutes(2), $"the sign-in link e-mail to {address} in {server.MailFolder}");
        return link!;
    }

    /// <summary>Every link of the HTML part (the part a mail program shows), decoded.</summary>
    public static IReadOnlyList<Uri> Links(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return [.. Href().Matches(message.HtmlBody ?? "").Select(m => new Uri(WebUtility.HtmlDecode(m.Groups[1].Value)))];
    }

    /// <summary>The one link to the application's status page; fails if the e-mail has none or several.</summary>
    public static Uri StatusLink(MimeMessage message, string applicationId) =>
        Assert.Single(Links(message), link => link.AbsolutePath == $"/antraege/{applicationId}");

    private static async Task<MimeMessage?> FindAsync(string folder, string fileNumber, string subject)
    {
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
        {
            // The pickup transport writes a .tmp file and renames it: an .eml file is always whole.
            var message = await MimeMessage.LoadAsync(file);
            if (message.Subject is { } text && text.Contains(fileNumber, StringComparison.Ordinal) && text.Contains(subject, StringComparison.Ordinal))
            {
                return message;
            }
        }

        return null;
    }

    [GeneratedRegex("href=\"([^\"]+)\"")]
    private static partial Regex Href();
}
