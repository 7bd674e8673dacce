using Foerderworkflow.Messaging;
using Microsoft.Extensions.Options;

namespace Foerderworkflow.Notifications;

/// <summary>The <c>Notifications</c> configuration section.</summary>
public sealed class NotificationOptions
{
    /// <summary><c>Pickup</c> (default: <c>.eml</c> files under <see cref="PickupDirectory"/>) or <c>Smtp</c>.</summary>
    public MailTransportKind Transport { get; set; } = MailTransportKind.Pickup;

    /// <summary>Where the pickup transport writes <c>.eml</c> files; relative paths are relative to the working directory.</summary>
    public string PickupDirectory { get; set; } = "./data/mail";

    /// <summary>The applicant's status page is <c>{StatusPageBaseUrl}/antraege/{applicationId}</c>.</summary>
    public string StatusPageBaseUrl { get; set; } = "http://localhost:5080";

    /// <summary>Sender address of every e-mail.</summary>
    public string FromAddress { get; set; } = "foerderung@localhost";

    /// <summary>Sender name, also the signature.</summary>
    public string FromName { get; set; } = "Partnerschaft für Demokratie – Koordinierungs- und Fachstelle";

    /// <summary>
    /// The appeal information (Rechtsbehelfsbelehrung) when a <c>SendEmail</c> carries none of its fund (the server
    /// sends the fund's own, the same words as in the Bescheid). The default follows North Rhine-Westphalia, where the
    /// objection is abolished (§ 110 JustG NRW): an action at the administrative court. In a state that keeps the
    /// Widerspruch, configure that text.
    /// </summary>
    public string Rechtsbehelfsbelehrung { get; set; } =
        "Gegen diesen Bescheid kann innerhalb eines Monats nach Bekanntgabe Klage bei dem Verwaltungsgericht erhoben werden, in dessen Bezirk die Stelle, " +
        "die den Bescheid erlassen hat, ihren Sitz hat. Die Klage ist schriftlich oder zur Niederschrift der Urkundsbeamtin oder des Urkundsbeamten der " +
        "Geschäftsstelle zu erheben; ein Vorverfahren (Widerspruch) findet nach § 110 des Justizgesetzes Nordrhein-Westfalen nicht statt.";

    /// <summary>SQLite database that records which SendEmail messages were sent (see <c>SqliteProcessedMessageStore</c>).</summary>
    public string ProcessedMessagesConnectionString { get; set; } = "Data Source=./data/notifications.db";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>How long sent e-mails' message ids are remembered (<c>Notifications:ProcessedMessages</c>).</summary>
    public ProcessedMessageRetentionOptions ProcessedMessages { get; set; } = new();

    public NotificationRetryOptions Retry { get; set; } = new();

    public void Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Transport))
        {
            errors.Add($"Notifications:Transport '{Transport}' is unknown; use Pickup or Smtp.");
        }

        if (!Uri.TryCreate(StatusPageBaseUrl, UriKind.Absolute, out var baseUrl) || (baseUrl.Scheme != Uri.UriSchemeHttp && baseUrl.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add($"Notifications:StatusPageBaseUrl '{StatusPageBaseUrl}' is no absolute http(s) URL.");
        }

        if (!Sending.MailMessageFactory.IsMailbox(FromAddress))
        {
            errors.Add($"Notifications:FromAddress '{FromAddress}' is no e-mail address.");
        }

        if (Transport == MailTransportKind.Pickup && string.IsNullOrWhiteSpace(PickupDirectory))
        {
            errors.Add("Notifications:PickupDirectory is required for the Pickup transport.");
        }

        if (string.IsNullOrWhiteSpace(ProcessedMessagesConnectionString))
        {
            errors.Add("Notifications:ProcessedMessagesConnectionString is required.");
        }

        if (Transport == MailTransportKind.Smtp)
        {
            errors.AddRange(Smtp.Validate());
        }

        errors.AddRange(ProcessedMessages.GetErrors("Notifications:ProcessedMessages"));

        if (Retry.Limit < 0 || Retry.MinInterval < TimeSpan.Zero || Retry.MaxInterval < Retry.MinInterval || Retry.IntervalDelta < TimeSpan.Zero)
        {
            errors.Add("Notifications:Retry needs Limit >= 0 and 0 <= MinInterval <= MaxInterval, IntervalDelta >= 0.");
        }

        if (errors.Count > 0)
        {
            throw new OptionsValidationException("Notifications", typeof(NotificationOptions), errors);
        }
    }
}
