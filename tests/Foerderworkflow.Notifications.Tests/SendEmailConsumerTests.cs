using Foerderworkflow.Contracts;
using Foerderworkflow.Notifications.Tests.TestSupport;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Notifications.Tests;

/// <summary>The worker end to end: MassTransit's test harness delivers SendEmail; a real aiosmtpd receives the mail.</summary>
public sealed class SendEmailConsumerTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task SendEmail_OverSmtp_DeliversExactlyOneCorrectlyEncodedMail()
    {
        using var directory = new TempDirectory();
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var worker = await Worker.StartAsync(Samples.Options(directory.Path, MailTransportKind.Smtp, smtp.Port));
        var messageId = NewId.NextGuid();

        await worker.PublishAsync(Samples.Approval(), messageId);

        await Eventually.TrueAsync(() => smtp.Count() == 1, Timeout, "one mail in aiosmtpd's maildir");
        var mail = Assert.Single(await smtp.ReadAsync(CancellationToken.None));
        Assert.Equal("Bewilligung Ihres Förderantrags AIF-2026-0042", mail.Subject);
        Assert.Equal("verein@example.org", mail.To);
        Assert.Equal("Partnerschaft für Demokratie Musterstadt <foerderung@example.de>", mail.From);
        Assert.Equal($"<{messageId:D}@foerderworkflow>", mail.MessageId);
        Assert.Equal("multipart/alternative", mail.ContentType);
        Assert.Contains("wird mit 1.234,56 € aus dem Förderprogramm", mail.Text, StringComparison.Ordinal);
        Assert.Contains("https://foerderung.example.de/portal/antraege/AIF-2026-0042", mail.Text, StringComparison.Ordinal);
        Assert.Contains("<li>Öffentlichkeitsarbeit mit Förderhinweis</li>", mail.Html, StringComparison.Ordinal);

        // On the wire: 7-bit clean, the subject's non-ASCII words as RFC 2047 encoded words in UTF-8, parts declared UTF-8.
        Assert.All(mail.Source, c => Assert.True(c < 128, $"8-bit character {c} in the raw message"));
        Assert.Matches(@"(?im)^Subject: .*=\?utf-8\?[BQ]\?", mail.Source);
        Assert.Matches(@"(?i)content-type: text/plain; charset=utf-8", mail.Source);
        Assert.Matches(@"(?i)content-type: text/html; charset=utf-8", mail.Source);
    }

    [Fact]
    public async Task SendEmail_SmtpDown_RetriedAndDeliveredOnceItComesUp()
    {
        using var directory = new TempDirectory();
        var port = SmtpCatcher.FreePort();
        await using var worker = await Worker.StartAsync(Samples.Options(directory.Path, MailTransportKind.Smtp, port));

        await worker.PublishAsync(Samples.Approval(), NewId.NextGuid());
        await Eventually.TrueAsync(() => worker.Logs.Has("SmtpMailTransport", 1), Timeout, "a failed SMTP attempt");
        await using var smtp = await SmtpCatcher.StartAsync(port);

        await Eventually.TrueAsync(() => smtp.Count() == 1, Timeout, "the mail after the server came up");
        await Eventually.TrueAsync(() => worker.Logs.Has("EmailDispatcher", 10), Timeout, "the send recorded");
        Assert.Equal(1, smtp.Count());
        Assert.Equal("Bewilligung Ihres Förderantrags AIF-2026-0042", Assert.Single(await smtp.ReadAsync(CancellationToken.None)).Subject);
    }

    [Fact]
    public async Task SendEmail_Redelivered_NoSecondMail_EvenAfterARestart()
    {
        using var directory = new TempDirectory();
        await using var smtp = await SmtpCatcher.StartAsync();
        var options = Samples.Options(directory.Path, MailTransportKind.Smtp, smtp.Port);
        var messageId = NewId.NextGuid();
        await using (var worker = await Worker.StartAsync(options))
        {
            await worker.PublishAsync(Samples.Approval(), messageId);
            await Eventually.TrueAsync(() => worker.Logs.Has("EmailDispatcher", 10), Timeout, "the first send");

            await worker.PublishAsync(Samples.Approval(), messageId);
            await Eventually.TrueAsync(() => worker.Logs.Has("EmailDispatcher", 11), Timeout, "the redelivery skipped");
        }

        // A new process with the same store: the outbox re-publishing after a crash.
        await using (var restarted = await Worker.StartAsync(options))
        {
            await restarted.PublishAsync(Samples.Approval(), messageId);
            await Eventually.TrueAsync(() => restarted.Logs.Has("EmailDispatcher", 11), Timeout, "the redelivery after the restart skipped");

            // A different message still goes out: the worker is alive and the catcher counts.
            await restarted.PublishAsync(Samples.Approval(), NewId.NextGuid());
            await Eventually.TrueAsync(() => smtp.Count() == 2, Timeout, "the second, different message");
        }

        Assert.Equal(2, smtp.Count());
        Assert.Single(await smtp.ReadAsync(CancellationToken.None), mail => mail.MessageId == $"<{messageId:D}@foerderworkflow>");
    }

    [Fact]
    public async Task SendEmail_PickupMode_WritesOneEmlFile()
    {
        using var directory = new TempDirectory();
        var options = Samples.Options(directory.Path);
        await using var worker = await Worker.StartAsync(options);
        var messageId = NewId.NextGuid();

        // One copy after the other: a copy arriving while the first is still being written waits for the consumer's
        // retry, and how many retries that takes depends on how fast the machine writes.
        await worker.PublishAsync(Samples.Approval(), messageId);
        await Eventually.TrueAsync(() => worker.Logs.Has("EmailDispatcher", 10), Timeout, "the e-mail sent");
        await worker.PublishAsync(Samples.Approval(), messageId);

        await Eventually.TrueAsync(() => worker.Logs.Has("EmailDispatcher", 11), Timeout, "the copy skipped");
        var file = Assert.Single(Directory.GetFiles(options.PickupDirectory, "*.eml"));
        Assert.Equal(messageId.ToString("D") + ".eml", Path.GetFileName(file));
        Assert.NotEmpty(File.ReadAllText(file));
        var mail = Assert.Single(await MailParser.ReadEmlFilesAsync(options.PickupDirectory, CancellationToken.None));
        Assert.Equal("Bewilligung Ihres Förderantrags AIF-2026-0042", mail.Subject);
        Assert.Contains("1.234,56 €", mail.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SendEmail_UnknownTemplate_NotRetriedAndFaulted()
    {
        using var directory = new TempDirectory();
        await using var worker = await Worker.StartAsync(Samples.Options(directory.Path));

        await worker.PublishAsync(Samples.Approval() with { Template = "Gibtsnicht" }, NewId.NextGuid());

        Assert.True(await worker.Harness.Published.Any<Fault<SendEmail>>());
        Assert.False(Directory.Exists(Path.Combine(directory.Path, "mail")) && Directory.GetFiles(Path.Combine(directory.Path, "mail")).Length > 0);
    }

    [Fact]
    public async Task SendSignInLink_OverSmtp_DeliversTheLinkOnce_WithoutApplicationHeader()
    {
        using var directory = new TempDirectory();
        await using var smtp = await SmtpCatcher.StartAsync();
        await using var worker = await Worker.StartAsync(Samples.Options(directory.Path, MailTransportKind.Smtp, smtp.Port));
        var messageId = NewId.NextGuid();

        await worker.PublishAsync(Samples.SignInLink(), messageId);
        await Eventually.TrueAsync(() => worker.Logs.Has("EmailDispatcher", 10), Timeout, "the sign-in link sent");
        await worker.PublishAsync(Samples.SignInLink(), messageId);
        await Eventually.TrueAsync(() => worker.Logs.Has("EmailDispatcher", 11), Timeout, "the copy skipped");

        var mail = Assert.Single(await smtp.ReadAsync(CancellationToken.None));
        Assert.Equal("Ihr Anmeldelink für das Förderportal", mail.Subject);
        Assert.Equal("verein@example.org", mail.To);
        Assert.Contains(Samples.SignInLink().Link.AbsoluteUri, mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Foerderworkflow-Application", mail.Source, StringComparison.OrdinalIgnoreCase);
    }

    private sealed class Worker : IAsyncDisposable
    {
        private readonly ServiceProvider provider;

        private Worker(ServiceProvider provider)
        {
            this.provider = provider;
            Logs = SharedLogging.FromNow();
            Harness = provider.GetRequiredService<ITestHarness>();
        }

        /// <summary>What was logged since this worker started.</summary>
        public LogView Logs { get; }

        public ITestHarness Harness { get; }

        public static async Task<Worker> StartAsync(NotificationOptions options)
        {
            var services = new ServiceCollection();
            services.AddSingleton(SharedLogging.Factory);
            services.AddLogging();
            services.AddMassTransitTestHarness(bus => bus.AddNotificationWorker(options));
            var worker = new Worker(services.BuildServiceProvider(true));
            worker.Harness.TestTimeout = Timeout;
            worker.Harness.TestInactivityTimeout = Timeout;
            await worker.Harness.Start();
            return worker;
        }

        public Task PublishAsync<T>(T command, Guid messageId)
            where T : class =>
            Harness.Bus.Publish(command, context => context.MessageId = messageId);

        public async ValueTask DisposeAsync()
        {
            await Harness.Stop();
            await provider.DisposeAsync();
        }
    }
}
