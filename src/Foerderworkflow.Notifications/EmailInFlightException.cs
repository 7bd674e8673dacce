namespace Foerderworkflow.Notifications;

/// <summary>A copy of a SendEmail arrived while this process is still sending the original; the retry looks again later.</summary>
public sealed class EmailInFlightException(Guid messageId) : Exception($"The e-mail of message {messageId} is being sent right now.")
{
    public Guid MessageId { get; } = messageId;
}
