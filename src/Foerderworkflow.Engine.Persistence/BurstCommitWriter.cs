using System.Data.Common;
using System.Globalization;
using System.Text;
using Foerderworkflow.Engine.Persistence.Dialects;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence;

/// <summary>
/// The hot path: writes one <see cref="BurstCommit"/> as parameterized SQL on an open write transaction. Two
/// statements are gates whose row count decides whether the burst may commit at all: deleting the consumed bookmark
/// (exactly-once) and the version-guarded instance update (optimistic concurrency). The caller commits or rolls back.
/// </summary>
internal sealed class BurstCommitWriter(StoreDialect dialect)
{
    /// <summary>Rows per multi-row INSERT or IN list; keeps every statement well below both databases' parameter limits.</summary>
    private const int ChunkSize = 200;

    /// <summary>Writes the burst; returns the instance's new version. Throws <see cref="CommitRejectedException"/> when a gate fails.</summary>
    public async Task<long> WriteAsync(DbConnection connection, DbTransaction transaction, BurstCommit commit, CancellationToken cancellationToken)
    {
        var statements = Plan(commit, out var newVersion);
        if (dialect.BatchesCommands && connection.CanCreateBatch)
        {
            await ExecuteBatchAsync(connection, transaction, statements, cancellationToken);
        }
        else
        {
            await ExecuteOneByOneAsync(connection, transaction, statements, cancellationToken);
        }

        return newVersion;
    }

    private List<Statement> Plan(BurstCommit commit, out long newVersion)
    {
        var instance = commit.Instance;
        var statements = new List<Statement>(8);

        // (a) The exactly-once gate comes first: whoever deletes the bookmark row owns the resume. A concurrent
        // resume blocks on the row (PostgreSQL) or on the write lock (SQLite) and then deletes nothing.
        if (commit.ConsumedBookmarkId is { } consumed)
        {
            statements.Add(new(
                "DELETE FROM workflow_bookmarks WHERE id = @id AND instance_id = @instance_id",
                [new("@id", consumed), new("@instance_id", instance.Id)],
                () => new BookmarkAlreadyConsumedException(consumed)));
            statements.Add(new("DELETE FROM workflow_timers WHERE bookmark_id = @id", [new("@id", consumed)]));
        }

        // (b) The instance, guarded by the version it was loaded at.
        var state = InstanceStateJson.Serialize(instance.State);
        if (commit.IsNew)
        {
            newVersion = 1;
            statements.Add(new(
                "INSERT INTO workflow_instances (id, definition_id, definition_version_id, definition_version, status, correlation_id, version, created_at, updated_at, finished_at, state) " +
                "VALUES (@id, @definition_id, @definition_version_id, @definition_version, @status, @correlation_id, @version, @created_at, @updated_at, @finished_at, @state)",
                [
                    new("@id", instance.Id),
                    new("@definition_id", instance.DefinitionId),
                    new("@definition_version_id", instance.DefinitionVersionId),
                    new("@definition_version", instance.DefinitionVersion),
                    new("@status", instance.Status.ToString()),
                    new("@correlation_id", (object?)instance.CorrelationId ?? DBNull.Value),
                    new("@version", newVersion),
                    new("@created_at", dialect.TimeValue(instance.CreatedAt)),
                    new("@updated_at", dialect.TimeValue(instance.UpdatedAt)),
                    new("@finished_at", dialect.TimeValue(instance.FinishedAt)),
                    new("@state", state),
                ]));
        }
        else
        {
            newVersion = instance.Version + 1;
            var loaded = instance.Version;
            statements.Add(new(
                "UPDATE workflow_instances SET status = @status, updated_at = @updated_at, finished_at = @finished_at, state = @state, version = version + 1 " +
                "WHERE id = @id AND version = @version",
                [
                    new("@status", instance.Status.ToString()),
                    new("@updated_at", dialect.TimeValue(instance.UpdatedAt)),
                    new("@finished_at", dialect.TimeValue(instance.FinishedAt)),
                    new("@state", state),
                    new("@id", instance.Id),
                    new("@version", loaded),
                ],
                () => new ConcurrencyConflictException(instance.Id, loaded)));
        }

        // (c) Bookmarks the burst cancelled, with their timers.
        foreach (var chunk in commit.RemovedBookmarkIds.Chunk(ChunkSize))
        {
            var ids = InList("@r", chunk.Length);
            var parameters = chunk.Select((id, i) => new Parameter(Name("@r", i), id)).ToArray();
            statements.Add(new($"DELETE FROM workflow_bookmarks WHERE id IN ({ids})", parameters));
            statements.Add(new($"DELETE FROM workflow_timers WHERE bookmark_id IN ({ids})", parameters));
        }

        // (d) Open incidents are resolved before this burst's own incidents are added (a retry may fault again).
        if (commit.ResolveIncidents)
        {
            statements.Add(new(
                "UPDATE workflow_incidents SET resolved_at = @resolved_at WHERE instance_id = @instance_id AND resolved_at IS NULL",
                [new("@resolved_at", dialect.TimeValue(instance.UpdatedAt)), new("@instance_id", instance.Id)]));
        }

        AddInserts(statements, "workflow_bookmarks", ["id", "instance_id", "activity_id", "name", "hash", "payload", "created_at"], commit.NewBookmarks,
            b => [b.Id, b.InstanceId, b.ActivityId, b.Name, b.Hash, b.Payload.ToJsonString(), dialect.TimeValue(b.CreatedAt)]);
        AddInserts(statements, "workflow_timers", ["id", "instance_id", "bookmark_id", "due_at"], commit.Timers,
            t => [t.Id, t.InstanceId, t.BookmarkId, dialect.TimeValue(t.DueAt)]);
        AddInserts(statements, "workflow_journal", ["instance_id", "activity_id", "activity_type", "outcome", "at"], commit.Journal,
            j => [j.InstanceId, j.ActivityId, j.ActivityType, j.Outcome, dialect.TimeValue(j.At)]);
        AddInserts(statements, "workflow_incidents", ["id", "instance_id", "activity_id", "activity_type", "exception_type", "message", "at", "resolved_at"], commit.Incidents,
            i => [i.Id, i.InstanceId, i.ActivityId, i.ActivityType, i.ExceptionType, i.Message, dialect.TimeValue(i.At), dialect.TimeValue(i.ResolvedAt)]);
        AddInserts(statements, "workflow_outbox", ["message_id", "instance_id", "correlation_id", "message_type", "payload", "created_at"], commit.Messages,
            m => [m.Id, m.InstanceId, (object?)m.CorrelationId ?? DBNull.Value, m.MessageType, m.Payload.ToJsonString(), dialect.TimeValue(m.CreatedAt)]);
        return statements;
    }

    private static void AddInserts<T>(List<Statement> statements, string table, string[] columns, IReadOnlyList<T> rows, Func<T, object[]> values)
    {
        foreach (var chunk in rows.Chunk(ChunkSize))
        {
            var sql = new StringBuilder("INSERT INTO ").Append(table).Append(" (").AppendJoin(", ", columns).Append(") VALUES ");
            var parameters = new Parameter[chunk.Length * columns.Length];
            for (var row = 0; row < chunk.Length; row++)
            {
                var rowValues = values(chunk[row]);
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < columns.Length; column++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{row}_{column}");
                    parameters[(row * columns.Length) + column] = new(name, rowValues[column]);
                    sql.Append(column == 0 ? string.Empty : ", ").Append(name);
                }

                sql.Append(')');
            }

            statements.Add(new(sql.ToString(), parameters));
        }
    }

    private static string Name(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{index}");

    private static string InList(string prefix, int count) => string.Join(", ", Enumerable.Range(0, count).Select(i => Name(prefix, i)));

    private static async Task ExecuteOneByOneAsync(DbConnection connection, DbTransaction transaction, List<Statement> statements, CancellationToken cancellationToken)
    {
        foreach (var statement in statements)
        {
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
#pragma warning disable CA2100 // Only fixed SQL with generated parameter names; every value is a parameter.
            command.CommandText = statement.Sql;
#pragma warning restore CA2100
            foreach (var parameter in statement.Parameters)
            {
                var dbParameter = command.CreateParameter();
                dbParameter.ParameterName = parameter.Name;
                dbParameter.Value = parameter.Value ?? DBNull.Value;
                command.Parameters.Add(dbParameter);
            }

            var rows = await command.ExecuteNonQueryAsync(cancellationToken);
            if (rows == 0 && statement.WhenNoRows is { } rejection)
            {
                throw rejection();
            }
        }
    }

    private static async Task ExecuteBatchAsync(DbConnection connection, DbTransaction transaction, List<Statement> statements, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        batch.Transaction = transaction;
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            foreach (var parameter in statement.Parameters)
            {
                var dbParameter = command.CreateParameter();
                dbParameter.ParameterName = parameter.Name;
                dbParameter.Value = parameter.Value ?? DBNull.Value;
                command.Parameters.Add(dbParameter);
            }

            batch.BatchCommands.Add(command);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken);

        // The gates are checked in order, so a lost resume reports the consumed bookmark before the moved version.
        for (var i = 0; i < statements.Count; i++)
        {
            if (batch.BatchCommands[i].RecordsAffected == 0 && statements[i].WhenNoRows is { } rejection)
            {
                throw rejection();
            }
        }
    }

    private sealed record Parameter(string Name, object? Value);

    /// <summary>One SQL statement; <paramref name="WhenNoRows"/> makes it a gate that must touch at least one row.</summary>
    private sealed record Statement(string Sql, Parameter[] Parameters, Func<CommitRejectedException>? WhenNoRows = null);
}
