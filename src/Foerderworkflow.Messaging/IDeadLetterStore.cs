namespace Foerderworkflow.Messaging;

/// <summary>
/// Durable store of <see cref="DeadLetter"/>s. Implementations: SQLite (<see cref="SqliteDeadLetterStore"/>, the
/// embedded default) and PostgreSQL (<see cref="PostgreSqlDeadLetterStore"/>).
/// </summary>
public interface IDeadLetterStore
{
    /// <summary>Keeps <paramref name="letter"/>; a message kept already gets the new reason and time and one failure more.</summary>
    ValueTask AddAsync(DeadLetter letter, CancellationToken cancellationToken);

    /// <summary>Up to <paramref name="max"/> dead letters, oldest failure first; only those of <paramref name="queue"/> when given.</summary>
    ValueTask<IReadOnlyList<DeadLetter>> ListAsync(string? queue, int max, CancellationToken cancellationToken);

    ValueTask<int> CountAsync(CancellationToken cancellationToken);

    /// <summary>Forgets a dead letter once its message was delivered after all; removing one that is gone is harmless.</summary>
    ValueTask RemoveAsync(string messageId, CancellationToken cancellationToken);
}
