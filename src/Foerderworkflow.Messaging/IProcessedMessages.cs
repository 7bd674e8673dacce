namespace Foerderworkflow.Messaging;

/// <summary>
/// Remembers which messages a consumer has handled, by message id, so a redelivered message (the outbox hands a
/// message over again after a crash; the broker redelivers after a lost ack) has no second effect.
/// </summary>
/// <remarks>
/// A claim is exclusive: while one delivery holds it, a duplicate is refused, so two copies never run at once. A
/// completed claim refuses every later copy; a released one (the consumer failed) lets the retry run.
/// <see cref="ProcessedMessages"/> records completions durably right after the effect; a consumer whose effect is a
/// database write can do better and record the message id in that write's transaction (the accounting worker's ledger).
/// </remarks>
public interface IProcessedMessages
{
    /// <summary>True if the caller may process the message now; false if it was processed or is being processed.</summary>
    ValueTask<bool> TryClaimAsync(string consumer, Guid messageId, CancellationToken cancellationToken);

    /// <summary>Marks the claimed message processed for good.</summary>
    ValueTask CompleteAsync(string consumer, Guid messageId, CancellationToken cancellationToken);

    /// <summary>Gives a claim back after a failure, so a retry or redelivery can process the message.</summary>
    ValueTask ReleaseAsync(string consumer, Guid messageId, CancellationToken cancellationToken);
}
