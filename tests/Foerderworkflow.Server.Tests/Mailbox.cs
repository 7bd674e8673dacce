using Foerderworkflow.Testing;
using MimeKit;

namespace Foerderworkflow.Server.Tests;

/// <summary>The <c>.eml</c> files a test server writes, decoded: what an applicant finds in their inbox.</summary>
internal static class Mailbox
{
    /// <summary>
    /// Waits (up to 60 s: the relay delivers after the commit, in the background) for the e-mail about
    /// <paramref name="fileNumber"/> whose subject contains <paramref name="subject"/>.
    /// </summary>
    public static async Task<MimeMessage> WaitForAsync(ServerFactory factory, string fileNumber, string subject)
    {
        MimeMessage? found = null;
        await Poll.UntilAsync(async () => (found = await FindAsync(factory.MailFolder, fileNumber, subject)) is not null, TimeSpan.FromSeconds(60),
            $"an e-mail about {fileNumber} with '{subject}' in its subject in {factory.MailFolder}");
        return found!;
    }

    private static async Task<MimeMessage?> FindAsync(string folder, string fileNumber, string subject)
    {
        foreach (var file in Directory.Exists(folder) ? Directory.GetFiles(folder, "*.eml") : [])
        {
            var message = await MimeMessage.LoadAsync(file);
            if (message.Subject is { } text && text.Contains(fileNumber, StringComparison.Ordinal) && text.Contains(subject, StringComparison.Ordinal))
            {
                return message;
            }
        }

        return null;
    }
}
