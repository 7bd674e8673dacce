using System.Net.Mail;
using System.Net.Sockets;

namespace Foerderworkflow.Notifications.Sending;

/// <summary>Which SMTP failures are worth another attempt.</summary>
internal static class SmtpFailures
{
    /// <summary>
    /// Connection failures (no server, reset, timeout: <see cref="SmtpStatusCode.GeneralFailure"/> or an I/O cause) and
    /// the 4xx replies (temporary by RFC 5321). 5xx replies (unknown mailbox, rejected content) are permanent.
    /// </summary>
    public static bool IsTransient(Exception exception) => exception switch
    {
        SmtpFailedRecipientException recipient => IsTransient(recipient.StatusCode),
        SmtpException smtp => IsTransient(smtp.StatusCode) || smtp.InnerException is IOException or SocketException,
        IOException or SocketException => true,
        _ => false,
    };

    private static bool IsTransient(SmtpStatusCode status) =>
        status is SmtpStatusCode.GeneralFailure or SmtpStatusCode.ServiceNotAvailable or SmtpStatusCode.MailboxBusy
            or SmtpStatusCode.LocalErrorInProcessing or SmtpStatusCode.InsufficientStorage or SmtpStatusCode.ClientNotPermitted;
}
