using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Foerderworkflow.Messaging;

/// <summary>
/// <see cref="IDeadLetterStore"/> in a SQLite file of its own (the server's <c>./data/dead-letters.db</c> by default),
/// durable like the processed-message store beside it.
/// </summary>
public sealed class SqliteDeadLetterStore(string connectionString) : IDeadLetterStore, IDisposable
{
    private const string Columns = "message_id, queue, message_type, payload, instance_id, correlation_id, created_at, failed_at, failures, reason";

    private readonly SqliteFile file = new(connectionString, 1, """
        CREATE TABLE IF NOT EXISTS dead_letters (
            message_id     TEXT    NOT NULL PRIMARY KEY,
            queue          TEXT    NOT NULL,
            message_type   TEXT    NOT NULL,
            payload        TEXT    NOT NULL,
            instance_id    TEXT    NOT NULL,
            correlation_id TEXT,
            created_at     TEXT    NOT NULL,
            failed_at      TEXT    NOT NULL,
            failures       INTEGER NOT NULL,
            reason         TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS dead_letters_by_failure ON dead_letters (failed_at);
        """);

    public async ValueTask AddAsync(DeadLetter letter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letter);
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            INSERT INTO dead_letters ({Columns}) VALUES ($id, $queue, $type, $payload, $instance, $correlation, $created, $failed, $failures, $reason)
            ON CONFLICT (message_id) DO UPDATE SET queue = excluded.queue, failed_at = excluded.failed_at,
                failures = dead_letters.failures + 1, reason = excluded.reason
            """;
        command.Parameters.AddWithValue("$id", letter.MessageId);
        command.Parameters.AddWithValue("$queue", letter.Queue);
        command.Parameters.AddWithValue("$type", letter.MessageType);
        command.Parameters.AddWithValue("$payload", letter.Payload);
        command.Parameters.AddWithValue("$instance", letter.InstanceId);
        command.Parameters.AddWithValue("$correlation", (object?)letter.CorrelationId ?? DBNull.Value);
        command.Parameters.AddWithValue("$created", Text(letter.CreatedAt));
        command.Parameters.AddWithValue("$failed", Text(letter.FailedAt));
        command.Parameters.AddWithValue("$failures", letter.Failures);
        command.Parameters.AddWithValue("$reason", letter.Reason);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async ValueTask<IReadOnlyList<DeadLetter>> ListAsync(string? queue, int max, CancellationToken cancellationToken)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM dead_letters WHERE $queue IS NULL OR queue = $queue ORDER BY failed_at, message_id LIMIT $max";
        command.Parameters.AddWithValue("$queue", (object?)queue ?? DBNull.Value);
        command.Parameters.AddWithValue("$max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var letters = new List<DeadLetter>();
        while (await reader.ReadAsync(cancellationToken))
        {
            letters.Add(new DeadLetter(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : reader.GetString(5), Moment(reader.GetString(6)), Moment(reader.GetString(7)),
                reader.GetInt32(8), reader.GetString(9)));
        }

        return letters;
    }

    public async ValueTask<int> CountAsync(CancellationToken cancellationToken)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM dead_letters";
        return Convert.ToInt32(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
    }

    public async ValueTask RemoveAsync(string messageId, CancellationToken cancellationToken)
    {
        await using var connection = await file.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "DELETE FROM dead_letters WHERE message_id = $id";
        command.Parameters.AddWithValue("$id", messageId);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public void Dispose() => file.Dispose();

    // ISO text in UTC sorts as the moments do.
    private static string Text(DateTimeOffset moment) => moment.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Moment(string text) => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind);
}
