using Npgsql;

namespace Foerderworkflow.Messaging;

/// <summary>
/// <see cref="IDeadLetterStore"/> as the table <c>dead_letters</c> in a PostgreSQL database (the workflow database,
/// shared by every node), created when missing (<see cref="PostgreSqlTable"/>).
/// </summary>
public sealed class PostgreSqlDeadLetterStore(string connectionString) : IDeadLetterStore, IDisposable
{
    private const string Columns = "message_id, queue, message_type, payload, instance_id, correlation_id, created_at, failed_at, failures, reason";

    private readonly PostgreSqlTable table = new(connectionString, """
        CREATE TABLE IF NOT EXISTS dead_letters (
            message_id     text        NOT NULL PRIMARY KEY,
            queue          text        NOT NULL,
            message_type   text        NOT NULL,
            payload        text        NOT NULL,
            instance_id    text        NOT NULL,
            correlation_id text,
            created_at     timestamptz NOT NULL,
            failed_at      timestamptz NOT NULL,
            failures       integer     NOT NULL,
            reason         text        NOT NULL
        );
        CREATE INDEX IF NOT EXISTS dead_letters_by_failure ON dead_letters (failed_at)
        """);

    public async ValueTask AddAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await using var command = await table.CommandAsync($"""
            INSERT INTO dead_letters ({Columns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)
            ON CONFLICT (message_id) DO UPDATE SET queue = excluded.queue, failed_at = excluded.failed_at,
                failures = dead_letters.failures + 1, reason = excluded.reason
            """, cancellationToken);
        foreach (var value in new object?[] { letter.MessageId, letter.Queue, letter.MessageType, letter.Payload, letter.InstanceId, letter.CorrelationId, letter.CreatedAt.ToUniversalTime(), letter.FailedAt.ToUniversalTime(), letter.Failures, letter.Reason })
        {
            command.Parameters.Add(new NpgsqlParameter { Value = value ?? DBNull.Value });
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<IReadOnlyList<DeadLetter>> ListAsync(string? queue, int max, CancellationToken cancellationToken)
    {
        await using var command = await table.CommandAsync($"SELECT {Columns} FROM dead_letters WHERE $1::text IS NULL OR queue = $1 ORDER BY failed_at, message_id LIMIT $2", cancellationToken);
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)queue ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        command.Parameters.Add(new NpgsqlParameter { Value = max });
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), reader.GetFieldValue<DateTimeOffset>(6), reader.GetFieldValue<DateTimeOffset>(7),
                reader.GetInt32(8), reader.GetString(9)));
        }

        return letters;
    }

    public async ValueTask<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var command = await table.CommandAsync("SELECT COUNT(*)::int FROM dead_letters", cancellationToken);
        return (int)(await command.ExecuteScalarAsync(cancellationToken))!;
    }

    public async ValueTask RemoveAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var command = await table.CommandAsync("DELETE FROM dead_letters WHERE message_id = $1", cancellationToken);
        command.Parameters.Add(new NpgsqlParameter { Value = messageId });
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => table.Dispose();
}
