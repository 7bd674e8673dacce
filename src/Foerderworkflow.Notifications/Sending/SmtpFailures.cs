using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;

namespace Foerderworkflow.Notifications.Sending;

/// <summary>Which SMTP failures are worth another attempt.</summary>
internal static class SmtpFailures
{
    /// <summary>
    /// Transient: the connection failed (no server, reset, timeout, a server that hung up mid-dialogue, a TLS handshake
    /// broken off by the network) and the 4xx replies (temporary by RFC 5321, also a 454 to AUTH). Permanent: the 5xx
    /// replies (unknown mailbox, rejected content, wrong credentials), a certificate that does not validate, and a server
    /// lacking what the configuration demands (STARTTLS, AUTH): another attempt in a second would meet the same.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SmtpCommandException command => IsTransient(command.StatusCode),
        AuthenticationException { InnerException: SmtpCommandException command } => IsTransient(command.StatusCode),
        SslHandshakeException handshake => handshake.InnerException is IOException or SocketException,
        SmtpProtocolException or ServiceNotConnectedException => true,
        IOException or SocketException or TimeoutException => true,
        _ => false,
    };

    private static bool IsTransient(SmtpStatusCode status) => (int)status is >= 400 and < 500;
}
