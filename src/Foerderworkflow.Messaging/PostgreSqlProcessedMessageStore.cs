using Npgsql;

namespace Foerderworkflow.Messaging;

/// <summary>
/// <see cref="IProcessedMessageStore"/> as the table <c>processed_messages</c> in a PostgreSQL database: what several
/// instances of one consumer share. The table is created when missing (one statement, idempotent); a later change
/// would come as a new table name, so old and new versions never disagree on the shape.
/// </summary>
public sealed class PostgreSqlProcessedMessageStore(string connectionString, TimeProvider timeProvider) : IProcessedMessageStore, IDisposable
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly SemaphoreSlim schemaLock = new(1, 1);
    private volatile bool schemaReady;

    public async ValueTask<bool> HasProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("SELECT 1 FROM processed_messages WHERE consumer = $1 AND message_id = $2");
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        return await command.ExecuteScalarAsync(cancellationToken) is not null;
    }

    public async ValueTask RecordProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("INSERT INTO processed_messages (consumer, message_id, processed_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = consumer });
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        command.Parameters.Add(new NpgsqlParameter { Value = timeProvider.GetUtcNow().ToUniversalTime() });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<int> ForgetProcessedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await EnsureSchemaAsync(cancellationToken);
        await using var command = dataSource.CreateCommand("DELETE FROM processed_messages WHERE processed_at < $1");
        command.Parameters.Add(new NpgsqlParameter { Value = before.ToUniversalTime() });
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose()
    {
        dataSource.Dispose();
        schemaLock.Dispose();
    }

    private async Task EnsureSchemaAsync(CancellationToken cancellationToken)
    {
        if (schemaReady)
        {
            return;
        }

        await schemaLock.WaitAsync(cancellationToken);
        try
        {
            if (!schemaReady)
            {
                await using var command = dataSource.CreateCommand("""
                    CREATE TABLE IF NOT EXISTS processed_messages (
                        consumer     text        NOT NULL,
                        message_id   uuid        NOT NULL,
                        processed_at timestamptz NOT NULL,
                        PRIMARY KEY (consumer, message_id)
                    )
                    """);
                await command.ExecuteNonQueryAsync(cancellationToken);
                schemaReady = true;
            }
        }
        finally
        {
            schemaLock.Release();
        }
    }
}
