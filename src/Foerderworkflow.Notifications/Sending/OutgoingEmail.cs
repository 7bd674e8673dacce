using Foerderworkflow.Contracts;
using Foerderworkflow.Notifications.Templates;

namespace Foerderworkflow.Notifications.Sending;

/// <summary>One e-mail ready to send; a transport turns it into a MIME message (<see cref="MailMessageFactory"/>).</summary>
/// <param name="MessageId">The SendEmail's MessageId; it becomes the e-mail's <c>Message-ID</c>, so a duplicate that slips through the at-least-once window can be recognised by mail clients and by us.</param>
/// <param name="ApplicationId">The application the e-mail is about; empty for one about no application (a sign-in link).</param>
/// <param name="Attachments">Files the e-mail carries (the Bescheid as PDF); null: none.</param>
public sealed record OutgoingEmail(Guid MessageId, string ApplicationId, string To, RenderedEmail Content, IReadOnlyList<EmailAttachment>? Attachments = null);
