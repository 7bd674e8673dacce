using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Foerderworkflow.Notifications;

/// <summary>Spans and instruments of the notification worker (ActivitySource and Meter <see cref="Name"/>).</summary>
internal static class NotificationTelemetry
{
    public const string Name = "Foerderworkflow.Notifications";

    /// <summary>The application an e-mail is about: tag of the send span, and baggage so the log lines below name it.</summary>
    public const string ApplicationIdKey = "foerderworkflow.application_id";

    public const string TemplateKey = "foerderworkflow.email.template";

    public static readonly ActivitySource Source = new(Name);
    private static readonly Meter Meter = new(Name);

    public static readonly Counter<long> EmailsSent =
        Meter.CreateCounter<long>("foerderworkflow.emails.sent", "{email}", "E-mails the mail transport accepted, per template.");

    public static readonly Counter<long> EmailsFailed =
        Meter.CreateCounter<long>("foerderworkflow.emails.failed", "{email}", "Attempts to send an e-mail that failed after the transport's own retries, per template (MassTransit may retry the message).");

    public static Activity? StartSend(string template, string applicationId)
    {
        var span = Source.StartActivity($"email send {template}");
        span?.SetTag(TemplateKey, template);
        span?.SetTag(ApplicationIdKey, applicationId);
        span?.SetBaggage(ApplicationIdKey, applicationId);
        return span;
    }
}
