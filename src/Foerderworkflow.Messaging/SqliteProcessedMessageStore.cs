using System.Globalization;

namespace Foerderworkflow.Messaging;

/// <summary>
/// <see cref="IProcessedMessageStore"/> in a small SQLite file of the host's own (the notification worker's
/// <c>./data/notifications.db</c>, the server's <c>./data/processed-messages.db</c> by default): durable (WAL, <c>synchronous=FULL</c>: a recorded id survives a power cut), no server to run, and the
/// worker stays independent of the workflow store, which lives in another process in production. The schema is
/// versioned with <c>PRAGMA user_version</c>. One file serves one worker process; several instances consuming the
/// same queue would need a shared store (a table in PostgreSQL with the same two statements).
/// </summary>
public sealed class SqliteProcessedMessageStore(string connectionString, TimeProvider timeProvider) : IProcessedMessageStore, IDisposable
{
    private readonly SqliteFile file = new(connectionString, 1, """
        CREATE TABLE IF NOT EXISTS processed_messages (
            consumer     TEXT NOT NULL,
            message_id   TEXT NOT NULL,
            processed_at TEXT NOT NULL,
            PRIMARY KEY (consumer, message_id)
        ) WITHOUT ROWID;
        """);

    public async ValueTask<bool> HasProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT 1 FROM processed_messages WHERE consumer = $consumer AND message_id = $id";
        command.Parameters.AddWithValue("$consumer", consumer);
        command.Parameters.AddWithValue("$id", messageId.ToString("D"));
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async ValueTask RecordProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT OR IGNORE INTO processed_messages (consumer, message_id, processed_at) VALUES ($consumer, $id, $at)";
        command.Parameters.AddWithValue("$consumer", consumer);
        command.Parameters.AddWithValue("$id", messageId.ToString("D"));
        command.Parameters.AddWithValue("$at", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<int> ForgetProcessedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();

        // Stored as ISO text in UTC, which sorts as the moments do.
        command.CommandText = "DELETE FROM processed_messages WHERE processed_at < $before";
        command.Parameters.AddWithValue("$before", before.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => file.Dispose();
}
