namespace Foerderworkflow.Messaging;

/// <summary>
/// Durable record of the messages whose effect happened (an e-mail handed to the transport, a consumer that returned).
/// Nothing is written before the effect: a durable claim that outlived a crash would either hold the message back for
/// good or need leases, and an e-mail cannot join a database transaction anyway. Claims against a second copy running
/// at the same time are process-local (<see cref="ProcessedMessages"/>). Implementations: SQLite
/// (<see cref="SqliteProcessedMessageStore"/>), PostgreSQL (<see cref="PostgreSqlProcessedMessageStore"/>), and
/// <see cref="InMemoryProcessedMessageStore"/> for unit tests.
/// </summary>
public interface IProcessedMessageStore
{
    ValueTask<bool> HasProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken);

    /// <summary>Records the message as processed; recording it twice is harmless.</summary>
    ValueTask RecordProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken);

    /// <summary>
    /// Forgets the ids recorded before <paramref name="before"/> and returns how many. A copy of such a message that
    /// still arrived later would run again, so the caller keeps them far beyond any redelivery (<see cref="ProcessedMessageRetention"/>).
    /// </summary>
    ValueTask<int> ForgetProcessedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
