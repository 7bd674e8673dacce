using Foerderworkflow.Notifications.Templates;

namespace Foerderworkflow.Notifications.Sending;

/// <summary>
/// One e-mail ready to send. A transport builds a fresh <see cref="System.Net.Mail.MailMessage"/> from it for every
/// attempt (a sent MailMessage's body streams are consumed, so it cannot be retried as it is).
/// </summary>
/// <param name="MessageId">The SendEmail's MessageId; it becomes the e-mail's <c>Message-ID</c>, so a duplicate that slips through the at-least-once window can be recognised by mail clients and by us.</param>
public sealed record OutgoingEmail(Guid MessageId, string ApplicationId, string To, RenderedEmail Content);
