using Foerderworkflow.Notifications.Sending;
using Foerderworkflow.Notifications.Templates;
using Foerderworkflow.Notifications.Tests.TestSupport;

namespace Foerderworkflow.Notifications.Tests.Sending;

/// <summary>The pickup folder only ever shows whole <c>.eml</c> files, one per message.</summary>
public sealed class PickupDirectoryMailTransportTests
{
    [Fact]
    public async Task SendAsync_SameMessageTwice_OneFileNamedByTheMessageId()
    {
        using var directory = new TempDirectory();
        var options = Samples.Options(directory.Path);
        var transport = new PickupDirectoryMailTransport(options);
        var email = Email(options);

        await transport.SendAsync(email, CancellationToken.None);
        await transport.SendAsync(email, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(options.PickupDirectory, "*", SearchOption.AllDirectories));
        Assert.Equal(email.MessageId.ToString("D") + ".eml", Path.GetFileName(file));
        Assert.Contains("Message-ID: <" + email.MessageId.ToString("D") + "@foerderworkflow>", await File.ReadAllTextAsync(file), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendAsync_AfterAWriteKilledHalfway_ReplacesTheLeftoverAndLeavesNoEmptyFile()
    {
        using var directory = new TempDirectory();
        var options = Samples.Options(directory.Path);
        var email = Email(options);
        // What a process killed inside SmtpClient leaves: an empty file in the message's staging folder.
        var staging = Directory.CreateDirectory(Path.Combine(options.PickupDirectory, ".tmp", email.MessageId.ToString("N")));
        await File.WriteAllTextAsync(Path.Combine(staging.FullName, Guid.NewGuid() + ".eml"), "");
        Assert.Empty(Directory.GetFiles(options.PickupDirectory, "*.eml"));

        await new PickupDirectoryMailTransport(options).SendAsync(email, CancellationToken.None);

        var file = Assert.Single(Directory.GetFiles(options.PickupDirectory, "*.eml"));
        Assert.NotEqual(0, new FileInfo(file).Length);
        Assert.False(Directory.Exists(staging.FullName));
    }

    [Fact]
    public async Task SendAsync_WithTheBescheid_WritesItAsPdfAttachmentBesideTheText()
    {
        using var directory = new TempDirectory();
        var options = Samples.Options(directory.Path);
        byte[] pdf = [.. "%PDF-1.7 Zuwendungsbescheid"u8];
        var email = Email(options) with { Attachments = [new Contracts.EmailAttachment("Zuwendungsbescheid AIF-2026-0042-ZB1.pdf", "application/pdf", pdf)] };

        await new PickupDirectoryMailTransport(options).SendAsync(email, CancellationToken.None);

        var message = await MimeKit.MimeMessage.LoadAsync(Assert.Single(Directory.GetFiles(options.PickupDirectory, "*.eml")));
        var attachment = Assert.Single(message.Attachments.OfType<MimeKit.MimePart>());
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        Assert.Equal("Zuwendungsbescheid AIF-2026-0042-ZB1.pdf", attachment.FileName);
        using var decoded = new MemoryStream();
        await attachment.Content!.DecodeToAsync(decoded);
        Assert.Equal(pdf, decoded.ToArray());
        Assert.Contains("wir freuen uns", message.TextBody, StringComparison.Ordinal);
    }

    private static OutgoingEmail Email(NotificationOptions options)
    {
        var content = new EmailRenderer(options).Render(Samples.Approval());
        return new OutgoingEmail(Guid.NewGuid(), "AIF-2026-0042", "verein@example.org", content);
    }
}
