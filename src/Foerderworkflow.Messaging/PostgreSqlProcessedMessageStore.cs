using Npgsql;

namespace Foerderworkflow.Messaging;

/// <summary>
/// <see cref="IProcessedMessageStore"/> as the table <c>processed_messages</c> in a PostgreSQL database: what several
/// instances of one consumer share, created when missing (<see cref="PostgreSqlTable"/>).
/// </summary>
public sealed class PostgreSqlProcessedMessageStore(string connectionString, TimeProvider timeProvider) : IProcessedMessageStore, IDisposable
{
    private readonly PostgreSqlTable table = new(connectionString, """
        CREATE TABLE IF NOT EXISTS processed_messages (
            consumer     text        NOT NULL,
            message_id   uuid        NOT NULL,
            processed_at timestamptz NOT NULL,
            PRIMARY KEY (consumer, message_id)
        )
        """);

    public async ValueTask<bool> HasProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        await using var command = await table.CommandAsync("SELECT 1 FROM processed_messages WHERE consumer = $1 AND message_id = $2", cancellationToken);
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async ValueTask RecordProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        await using var command = await table.CommandAsync("INSERT INTO processed_messages (consumer, message_id, processed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING", cancellationToken);
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        command.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow().ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<int> ForgetProcessedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var command = await table.CommandAsync("DELETE FROM processed_messages WHERE processed_at < $1", cancellationToken);
        command.Parameters.Add(new NpgsqlParameter { Value = before.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => table.Dispose();
}
