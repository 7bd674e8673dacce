namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// Exponential redelivery of a failing consumer inside the process (<c>Messaging:Retry</c>); after the last attempt
/// MassTransit moves the message to the endpoint's <c>_error</c> queue.
/// </summary>
public sealed class ConsumerRetryOptions
{
    /// <summary>Retries after the first attempt.</summary>
    public int Limit { get; set; } = 5;

    public TimeSpan MinInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Growth of the interval from one retry to the next (MassTransit's exponential policy).</summary>
    public TimeSpan IntervalDelta { get; set; } = TimeSpan.FromSeconds(2);
}
