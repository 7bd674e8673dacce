using System.Net.Mail;
using System.Net.Sockets;
using Foerderworkflow.Notifications.Sending;
using Foerderworkflow.Notifications.Templates;
using Foerderworkflow.Notifications.Tests.TestSupport;
using Microsoft.Extensions.Logging.Abstractions;
using Polly.CircuitBreaker;

namespace Foerderworkflow.Notifications.Tests.Sending;

public sealed class SmtpMailTransportTests
{
    [Fact]
    public async Task SendAsync_ServerDownRepeatedly_BreakerOpensAndFailsFast()
    {
        using var directory = new TempDirectory();
        var options = Samples.Options(directory.Path, MailTransportKind.Smtp, SmtpCatcher.FreePort());
        options.Smtp.MaxRetryAttempts = 0;
        options.Smtp.BreakerMinimumThroughput = 3;
        options.Smtp.BreakerSamplingDuration = TimeSpan.FromMinutes(1);
        options.Smtp.BreakDuration = TimeSpan.FromMinutes(1);
        var transport = new SmtpMailTransport(options, TimeProvider.System, NullLogger<SmtpMailTransport>.Instance);
        var email = new OutgoingEmail(Guid.NewGuid(), "AIF-2026-0042", "verein@example.org", new EmailRenderer(options).Render(Samples.Approval()));

        for (var attempt = 0; attempt < 3; attempt++)
        {
            var failure = await Assert.ThrowsAsync<SmtpException>(() => transport.SendAsync(email, CancellationToken.None));
            Assert.True(SmtpFailures.IsTransient(failure), failure.ToString());
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => transport.SendAsync(email, CancellationToken.None));
    }

    [Theory]
    [InlineData(SmtpStatusCode.GeneralFailure, true)]
    [InlineData(SmtpStatusCode.ServiceNotAvailable, true)]
    [InlineData(SmtpStatusCode.MailboxBusy, true)]
    [InlineData(SmtpStatusCode.InsufficientStorage, true)]
    [InlineData(SmtpStatusCode.MailboxUnavailable, false)]
    [InlineData(SmtpStatusCode.TransactionFailed, false)]
    public void IsTransient_ByReplyCode(SmtpStatusCode status, bool transient)
    {
        Assert.Equal(transient, SmtpFailures.IsTransient(new SmtpException(status)));
        Assert.Equal(transient, SmtpFailures.IsTransient(new SmtpFailedRecipientException(status, "verein@example.org")));
    }

    [Fact]
    public void IsTransient_ConnectionFailuresYes_OtherExceptionsNo()
    {
        Assert.True(SmtpFailures.IsTransient(new SocketException((int)SocketError.ConnectionRefused)));
        Assert.True(SmtpFailures.IsTransient(new SmtpException("Failure sending mail.", new IOException("reset"))));
        Assert.False(SmtpFailures.IsTransient(new InvalidOperationException()));
        Assert.False(SmtpFailures.IsTransient(new EmailTemplateException("no template")));
    }
}
