namespace Foerderworkflow.Notifications.Idempotency;

/// <summary>
/// Durable record of the messages whose effect happened (here: whose e-mail was handed to the transport). Unlike the
/// server's claim-based <c>IProcessedMessages</c>, nothing is written before the effect: a claim that outlived a crash
/// would either hold the message back for good or need leases, and an e-mail cannot join a database transaction anyway.
/// </summary>
public interface IProcessedMessageStore
{
    ValueTask<bool> HasProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken);

    /// <summary>Records the message as processed; recording it twice is harmless.</summary>
    ValueTask RecordProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken);
}
