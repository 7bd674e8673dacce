using System.Net.Sockets;
using Foerderworkflow.Notifications.Sending;
using Foerderworkflow.Notifications.Templates;
using Foerderworkflow.Notifications.Tests.TestSupport;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace Foerderworkflow.Notifications.Tests.Sending;

/// <summary>The SMTP transport against a real aiosmtpd: one connection per burst, TLS, AUTH, and which failures are retried.</summary>
public sealed class SmtpMailTransportTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private static readonly (string Name, string Password) User = ("foerderworkflow", "Geheimnis-ä-2026");

    [Fact]
    public async Task SendAsync_ServerDownRepeatedly_BreakerOpensAndFailsFast()
    {
        using var directory = new TempDirectory();
        var options = Samples.Options(directory.Path, MailTransportKind.Smtp, SmtpCatcher.FreePort());
        options.Smtp.MaxRetryAttempts = 0;
        options.Smtp.BreakerMinimumThroughput = 3;
        options.Smtp.BreakerSamplingDuration = TimeSpan.FromMinutes(1);
        options.Smtp.BreakDuration = TimeSpan.FromMinutes(1);
        await using var transport = Transport(options);

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var failure = await Assert.ThrowsAnyAsync<Exception>(() => transport.SendAsync(Email(options), CancellationToken.None));
            Assert.True(SmtpFailures.IsTransient(failure), failure.ToString());
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => transport.SendAsync(Email(options), CancellationToken.None));
    }

    [Fact]
    public async Task SendAsync_BurstOfMails_SharesOneConnection()
    {
        using var directory = new TempDirectory();
        await using var smtp = await SmtpCatcher.StartAsync();
        var options = Samples.Options(directory.Path, MailTransportKind.Smtp, smtp.Port);
        options.Smtp.IdleTimeout = TimeSpan.FromMinutes(10);
        var transport = Transport(options);

        // One after the other, then several at once (as the consumer's concurrency hands them over).
        for (var i = 0; i < 3; i++)
        {
            await transport.SendAsync(Email(options), CancellationToken.None);
        }

        await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => transport.SendAsync(Email(options), CancellationToken.None)));

        Assert.Equal(8, smtp.Count());
        Assert.Equal(1, smtp.Connections);
        Assert.Equal(0, smtp.Disconnections);
        Assert.Equal(8, (await smtp.ReadAsync(CancellationToken.None)).Select(mail => mail.MessageId).Distinct().Count());

        await transport.DisposeAsync();
        await Eventually.TrueAsync(() => smtp.Disconnections == 1, Timeout, "the connection closed when the transport was disposed");
        Assert.Equal(1, smtp.Connections);
    }

    [Fact]
    public async Task SendAsync_IdleLongerThanIdleTimeout_ClosesTheConnectionAndOpensANewOneForTheNextMail()
    {
        using var directory = new TempDirectory();
        await using var smtp = await SmtpCatcher.StartAsync();
        var options = Samples.Options(directory.Path, MailTransportKind.Smtp, smtp.Port);
        options.Smtp.IdleTimeout = TimeSpan.FromSeconds(30);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 15, 9, 0, 0, TimeSpan.Zero));
        await using var transport = Transport(options, clock);

        await transport.SendAsync(Email(options), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(29));
        await transport.SendAsync(Email(options), CancellationToken.None);
        clock.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(1, smtp.Connections);
        Assert.Equal(0, smtp.Disconnections);

        // 30 s after the second mail: the timer that second mail armed closes the connection.
        clock.Advance(TimeSpan.FromSeconds(1));
        await Eventually.TrueAsync(() => smtp.Disconnections == 1, Timeout, "the idle connection closed");
        await transport.SendAsync(Email(options), CancellationToken.None);

        Assert.Equal(3, smtp.Count());
        Assert.Equal(2, smtp.Connections);
    }

    [Fact]
    public async Task SendAsync_ServerDroppedTheConnectionBetweenMails_ReconnectsAndDelivers()
    {
        using var directory = new TempDirectory();
        var port = SmtpCatcher.FreePort();
        var options = Samples.Options(directory.Path, MailTransportKind.Smtp, port);
        options.Smtp.IdleTimeout = TimeSpan.FromMinutes(10);
        await using var transport = Transport(options);
        await using (var first = await SmtpCatcher.StartAsync(port))
        {
            await transport.SendAsync(Email(options), CancellationToken.None);
            Assert.Equal(1, first.Count());
        }

        // A new server on the same port: the transport still holds the dead connection, fails on it and starts afresh.
        await using var second = await SmtpCatcher.StartAsync(port);
        var email = Email(options);
        await transport.SendAsync(email, CancellationToken.None);

        Assert.Equal($"<{email.MessageId:D}@foerderworkflow>", Assert.Single(await second.ReadAsync(CancellationToken.None)).MessageId);
        Assert.Equal(1, second.Connections);
    }

    [Fact]
    public async Task SendAsync_CallerCancelsWhileTheServerTakesTheData_TheAttemptFinishesAndReportsTheMailSent()
    {
        using var directory = new TempDirectory();
        var release = Path.Combine(directory.Path, "release");
        await using var smtp = await SmtpCatcher.StartAsync(options: new SmtpCatcherOptions(HoldDataUntil: release));
        var options = Samples.Options(directory.Path, MailTransportKind.Smtp, smtp.Port);
        await using var transport = Transport(options);
        using var caller = new CancellationTokenSource();

        var sending = transport.SendAsync(Email(options), caller.Token);
        await Eventually.TrueAsync(() => smtp.Events.Contains("data"), Timeout, "the server holding the message's data");
        await caller.CancelAsync();
        await File.WriteAllTextAsync(release, "");

        // Completes instead of throwing: the dispatcher records the mail as sent, and a redelivery does not send it again.
        await sending;
        Assert.Equal(1, smtp.Count());
    }

    [Fact]
    public async Task SendAsync_StartTlsWithTheServersSelfSignedCertificateTrustedAndAuth_Delivers()
    {
        using var directory = new TempDirectory();
        using var certificate = new TestCertificate();
        await using var smtp = await SmtpCatcher.StartAsync(options: new SmtpCatcherOptions(StartTls: certificate, User: User));
        var options = Secured(directory.Path, smtp.Port, SmtpSecurity.StartTls, certificate);
        await using var transport = Transport(options);

        await transport.SendAsync(Email(options), CancellationToken.None);
        await transport.SendAsync(Email(options), CancellationToken.None);

        Assert.Equal(2, smtp.Count());
        Assert.Equal(["connected 1", "tls", "authenticated " + User.Name], smtp.Events);
        Assert.Equal("Bewilligung Ihres Förderantrags AIF-2026-0042", (await smtp.ReadAsync(CancellationToken.None))[0].Subject);
    }

    [Fact]
    public async Task SendAsync_ImplicitTlsWithAuth_Delivers()
    {
        using var directory = new TempDirectory();
        using var certificate = new TestCertificate();
        await using var smtp = await SmtpCatcher.StartAsync(options: new SmtpCatcherOptions(ImplicitTls: certificate, User: User));
        var options = Secured(directory.Path, smtp.Port, SmtpSecurity.SslOnConnect, certificate);
        await using var transport = Transport(options);

        await transport.SendAsync(Email(options), CancellationToken.None);

        Assert.Equal(1, smtp.Count());
        Assert.Equal(["connected 1", "authenticated " + User.Name], smtp.Events);
    }

    [Fact]
    public async Task SendAsync_SelfSignedCertificateNotConfigured_RefusedWithoutRetryAndWithoutPlainText()
    {
        using var directory = new TempDirectory();
        using var certificate = new TestCertificate();
        await using var smtp = await SmtpCatcher.StartAsync(options: new SmtpCatcherOptions(StartTls: certificate, User: User));
        var options = Secured(directory.Path, smtp.Port, SmtpSecurity.StartTls, certificate);
        options.Smtp.TrustedCertificateFile = "";
        await using var transport = Transport(options);

        var failure = await Assert.ThrowsAsync<SslHandshakeException>(() => transport.SendAsync(Email(options), CancellationToken.None));

        Assert.False(SmtpFailures.IsTransient(failure), failure.ToString());
        Assert.Equal(0, smtp.Count());
        Assert.Equal(1, smtp.Connections);
        Assert.DoesNotContain(smtp.Events, e => e.StartsWith("auth", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SendAsync_TrustedCertificateNamesAnotherHost_Refused()
    {
        using var directory = new TempDirectory();
        using var certificate = new TestCertificate("smtp.example.org");
        await using var smtp = await SmtpCatcher.StartAsync(options: new SmtpCatcherOptions(StartTls: certificate));
        var options = Samples.Options(directory.Path, MailTransportKind.Smtp, smtp.Port);
        options.Smtp.Security = SmtpSecurity.StartTls;
        options.Smtp.TrustedCertificateFile = certificate.CertificateFile;
        await using var transport = Transport(options);

        var failure = await Assert.ThrowsAsync<SslHandshakeException>(() => transport.SendAsync(Email(options), CancellationToken.None));

        Assert.False(SmtpFailures.IsTransient(failure), failure.ToString());
        Assert.Equal(0, smtp.Count());
    }

    [Fact]
    public async Task SendAsync_StartTlsRequiredButNotOffered_RefusedInsteadOfSendingPlainText()
    {
        using var directory = new TempDirectory();
        await using var smtp = await SmtpCatcher.StartAsync();
        var options = Samples.Options(directory.Path, MailTransportKind.Smtp, smtp.Port);
        options.Smtp.Security = SmtpSecurity.StartTls;
        await using var transport = Transport(options);

        var failure = await Assert.ThrowsAsync<NotSupportedException>(() => transport.SendAsync(Email(options), CancellationToken.None));

        Assert.False(SmtpFailures.IsTransient(failure));
        Assert.Equal(0, smtp.Count());
        Assert.Equal(1, smtp.Connections);
    }

    [Fact]
    public async Task SendAsync_WrongPassword_FailsWithoutRetry()
    {
        using var directory = new TempDirectory();
        using var certificate = new TestCertificate();
        await using var smtp = await SmtpCatcher.StartAsync(options: new SmtpCatcherOptions(StartTls: certificate, User: User));
        var options = Secured(directory.Path, smtp.Port, SmtpSecurity.StartTls, certificate);
        options.Smtp.Password = "falsch";
        await using var transport = Transport(options);

        var failure = await Assert.ThrowsAsync<AuthenticationException>(() => transport.SendAsync(Email(options), CancellationToken.None));

        Assert.False(SmtpFailures.IsTransient(failure), failure.ToString());
        Assert.Equal(0, smtp.Count());
        Assert.Equal(1, smtp.Connections);
        Assert.Contains("auth-failed " + User.Name, smtp.Events);
    }

    [Theory]
    [InlineData(SmtpStatusCode.ServiceNotAvailable, true)]
    [InlineData(SmtpStatusCode.MailboxBusy, true)]
    [InlineData(SmtpStatusCode.ErrorInProcessing, true)]
    [InlineData(SmtpStatusCode.InsufficientStorage, true)]
    [InlineData(SmtpStatusCode.TemporaryAuthenticationFailure, true)]
    [InlineData(SmtpStatusCode.MailboxUnavailable, false)]
    [InlineData(SmtpStatusCode.TransactionFailed, false)]
    [InlineData(SmtpStatusCode.AuthenticationInvalidCredentials, false)]
    public void IsTransient_ByReplyCode(SmtpStatusCode status, bool transient)
    {
        Assert.Equal(transient, SmtpFailures.IsTransient(new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, status, "verein@example.org")));
        Assert.Equal(transient, SmtpFailures.IsTransient(new AuthenticationException("AUTH", new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, status, "AUTH"))));
    }

    [Fact]
    public void IsTransient_ConnectionFailuresYes_OtherExceptionsNo()
    {
        Assert.True(SmtpFailures.IsTransient(new SocketException((int)SocketError.ConnectionRefused)));
        Assert.True(SmtpFailures.IsTransient(new IOException("reset")));
        Assert.True(SmtpFailures.IsTransient(new SmtpProtocolException("The SMTP server has unexpectedly disconnected.")));
        Assert.True(SmtpFailures.IsTransient(new ServiceNotConnectedException()));
        Assert.True(SmtpFailures.IsTransient(new SslHandshakeException("handshake", new IOException("reset"))));
        Assert.False(SmtpFailures.IsTransient(new SslHandshakeException("certificate", new System.Security.Authentication.AuthenticationException("rejected"))));
        Assert.False(SmtpFailures.IsTransient(new AuthenticationException("535 bad credentials")));
        Assert.False(SmtpFailures.IsTransient(new NotSupportedException("The SMTP server does not support the STARTTLS extension.")));
        Assert.False(SmtpFailures.IsTransient(new InvalidOperationException()));
        Assert.False(SmtpFailures.IsTransient(new EmailTemplateException("no template")));
    }

    [Fact]
    public void EnableSsl_TheFormerKey_StillMeansStartTls()
    {
        Assert.Equal(SmtpSecurity.StartTls, new SmtpOptions { EnableSsl = true }.EffectiveSecurity);
        Assert.Equal(SmtpSecurity.SslOnConnect, new SmtpOptions { EnableSsl = true, Security = SmtpSecurity.SslOnConnect }.EffectiveSecurity);
        Assert.Equal(SmtpSecurity.None, new SmtpOptions().EffectiveSecurity);
    }

    [Fact]
    public void Validate_TrustedCertificateFileMissing_RefusesToStart()
    {
        using var directory = new TempDirectory();
        var options = Samples.Options(directory.Path, MailTransportKind.Smtp);
        options.Smtp.TrustedCertificateFile = Path.Combine(directory.Path, "missing.pem");

        var failure = Assert.Throws<OptionsValidationException>(options.Validate);

        Assert.Contains(failure.Failures, message => message.Contains("TrustedCertificateFile", StringComparison.Ordinal));
    }

    private static NotificationOptions Secured(string directory, int port, SmtpSecurity security, TestCertificate certificate)
    {
        var options = Samples.Options(directory, MailTransportKind.Smtp, port);
        options.Smtp.Host = "localhost";
        options.Smtp.Security = security;
        options.Smtp.TrustedCertificateFile = certificate.CertificateFile;
        options.Smtp.Username = User.Name;
        options.Smtp.Password = User.Password;
        return options;
    }

    private static SmtpMailTransport Transport(NotificationOptions options, TimeProvider? clock = null) =>
        new(options, clock ?? TimeProvider.System, NullLogger<SmtpMailTransport>.Instance);

    private static OutgoingEmail Email(NotificationOptions options) =>
        new(Guid.NewGuid(), "AIF-2026-0042", "verein@example.org", new EmailRenderer(options).Render(Samples.Approval()));
}
