using System.Collections.Concurrent;
using Foerderworkflow.Contracts;
using Foerderworkflow.Messaging;
using Foerderworkflow.Notifications.Sending;
using Foerderworkflow.Notifications.Templates;
using Microsoft.Extensions.Logging;

namespace Foerderworkflow.Notifications;

/// <summary>
/// Sends the e-mail of a SendEmail at most once per MessageId, as far as a process can promise it: a message whose id
/// is recorded is skipped; otherwise it is rendered, handed to the transport, and its id recorded right after the
/// transport accepted it (nothing but one SQLite insert lies between). The residue of at-least-once: a crash in that
/// window, or an SMTP server that accepted the data but whose reply was lost, sends the e-mail again on redelivery; it
/// carries the same <c>Message-ID</c> header then, so mail clients can fold the two.
/// </summary>
internal sealed partial class EmailDispatcher(EmailRenderer renderer, IMailTransport transport, IProcessedMessageStore processed, ILogger<EmailDispatcher> logger)
{
    /// <summary>The consumer name the store keys on: stable across renames of the CLR type.</summary>
    public const string ConsumerName = "notifications:send-email";

    private readonly ConcurrentDictionary<Guid, byte> inFlight = new();

    /// <summary>True if this call sent the e-mail; false if it had been sent before.</summary>
    public Task<bool> SendOnceAsync(Guid messageId, SendEmail command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        return SendOnceAsync(messageId, command.Template, command.ApplicationId, command.To, () => renderer.Render(command), command.Attachments, cancellationToken);
    }

    /// <summary>The sign-in link e-mail of a <see cref="SendSignInLink"/>; true if this call sent it.</summary>
    public Task<bool> SendOnceAsync(Guid messageId, SendSignInLink command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);

        // No application: the span and the log lines name the template only (never the address, never the link).
        return SendOnceAsync(messageId, EmailRenderer.SignInLinkTemplate, "", command.To, () => renderer.RenderSignInLink(command), attachments: null, cancellationToken);
    }

    private async Task<bool> SendOnceAsync(Guid messageId, string templateName, string applicationId, string to, Func<RenderedEmail> render, IReadOnlyList<EmailAttachment>? attachments, CancellationToken cancellationToken)
    {
        // Two copies at once in this process (a redelivery while the first is still in the SMTP retry loop): the second
        // must neither send nor be acknowledged as done, since the first may still fail. Throwing lets the retry look again.
        if (!inFlight.TryAdd(messageId, 0))
        {
            throw new EmailInFlightException(messageId);
        }

        try
        {
            if (await processed.HasProcessedAsync(ConsumerName, messageId, cancellationToken))
            {
                LogDuplicate(logger, messageId, templateName, applicationId);
                return false;
            }

            using (var span = NotificationTelemetry.StartSend(templateName, applicationId))
            {
                var template = new KeyValuePair<string, object?>(NotificationTelemetry.TemplateKey, templateName);
                try
                {
                    var content = render();
                    await transport.SendAsync(new OutgoingEmail(messageId, applicationId, to, content, attachments), cancellationToken);
                }
                catch (Exception ex)
                {
                    span?.SetStatus(System.Diagnostics.ActivityStatusCode.Error, ex.GetType().Name);
                    span?.AddException(ex);
                    NotificationTelemetry.EmailsFailed.Add(1, template, new KeyValuePair<string, object?>("error.type", ex.GetType().Name));
                    throw;
                }

                NotificationTelemetry.EmailsSent.Add(1, template);
            }

            await processed.RecordProcessedAsync(ConsumerName, messageId, CancellationToken.None);
            LogSent(logger, messageId, templateName, applicationId);
            return true;
        }
        finally
        {
            inFlight.TryRemove(messageId, out _);
        }
    }

    [LoggerMessage(EventId = 10, Level = LogLevel.Information, Message = "E-mail {Template} for {ApplicationId} sent (message {MessageId})")]
    private static partial void LogSent(ILogger logger, Guid messageId, string template, string applicationId);

    [LoggerMessage(EventId = 11, Level = LogLevel.Information, Message = "E-mail {Template} for {ApplicationId} was sent before; message {MessageId} skipped")]
    private static partial void LogDuplicate(ILogger logger, Guid messageId, string template, string applicationId);
}
