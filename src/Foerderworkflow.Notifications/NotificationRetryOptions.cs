namespace Foerderworkflow.Notifications;

/// <summary>
/// MassTransit's redelivery of a failed SendEmail inside the worker (<c>Notifications:Retry</c>), on top of the SMTP
/// pipeline's own retries; after the last attempt the message goes to the <c>send-email_error</c> queue.
/// </summary>
public sealed class NotificationRetryOptions
{
    public int Limit { get; set; } = 5;

    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromSeconds(30);
}
