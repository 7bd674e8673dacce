using System.Globalization;
using System.Text;
using Foerderworkflow.Engine.Persistence.Dialects;
using Foerderworkflow.Engine.Persistence.Projections;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Commits;

/// <summary>
/// Turns a <see cref="BurstCommit"/> into SQL statements, in the order they must run. Two statements are gates whose
/// row count decides whether the burst may commit at all: deleting the consumed bookmark (exactly-once) and the
/// version-guarded instance update (optimistic concurrency). Registered projections add their statements (and gates)
/// at the end.
/// </summary>
internal static class BurstCommitPlan
{
    /// <summary>Rows per multi-row INSERT or IN list; well below both databases' parameter limits.</summary>
    private const int ChunkSize = 200;

    private const string DeleteBookmark = "DELETE FROM workflow_bookmarks WHERE id = @id AND instance_id = @instance_id";
    private const string DeleteTimersOfBookmark = "DELETE FROM workflow_timers WHERE bookmark_id = @id";
    private const string DeleteRemovedBookmark = "DELETE FROM workflow_bookmarks WHERE id = @id";

    private const string InsertInstance =
        "INSERT INTO workflow_instances (id, definition_id, definition_version_id, definition_version, status, correlation_id, version, created_at, updated_at, finished_at, state) " +
        "VALUES (@id, @definition_id, @definition_version_id, @definition_version, @status, @correlation_id, @version, @created_at, @updated_at, @finished_at, @state) " +
        // An existing id (an idempotent start retried) writes nothing; WhenNoRows then rejects the whole burst.
        "ON CONFLICT (id) DO NOTHING";

    private const string UpdateInstance =
        "UPDATE workflow_instances SET status = @status, updated_at = @updated_at, finished_at = @finished_at, state = @state, version = version + 1 " +
        "WHERE id = @id AND version = @version";

    private const string ResolveIncidents =
        "UPDATE workflow_incidents SET resolved_at = @resolved_at WHERE instance_id = @instance_id AND resolved_at IS NULL";

    private static readonly Table Bookmarks = new("workflow_bookmarks", ["id", "instance_id", "activity_id", "name", "hash", "payload", "created_at"]);
    private static readonly Table Timers = new("workflow_timers", ["id", "instance_id", "bookmark_id", "due_at"]);
    private static readonly Table Journal = new("workflow_journal", ["instance_id", "activity_id", "activity_type", "outcome", "at", "actor"]);
    private static readonly Table Incidents = new("workflow_incidents", ["id", "instance_id", "activity_id", "activity_type", "exception_type", "message", "at", "resolved_at"]);
    private static readonly Table Outbox = new("workflow_outbox", ["message_id", "instance_id", "correlation_id", "message_type", "payload", "created_at", "trace_parent"]);

    /// <summary>
    /// The statements of <paramref name="commit"/>. <paramref name="serverBatch"/>: for a database server with row
    /// locks, where the statements go as one batch: one INSERT (or IN list) for many rows, and the instance row is
    /// locked first (see below). Otherwise, for SQLite: one fixed statement per row, which runs fastest from a cache
    /// of prepared statements, and the consumed bookmark first, so a lost race stops at the first statement.
    /// </summary>
    public static List<SqlStatement> Build(BurstCommit commit, StoreDialect dialect, bool serverBatch, out long newVersion, CommitProjections? projections = null)
    {
        var instance = commit.Instance;
        var statements = new List<SqlStatement>(8 + commit.Journal.Count + commit.NewBookmarks.Count + commit.Messages.Count);

        // (a) The exactly-once gate: whoever deletes the bookmark row owns the resume. A concurrent resume waits for
        // the row (PostgreSQL) or the write lock (SQLite) and then deletes nothing.
        SqlStatement[] consume = commit.ConsumedBookmarkId is { } consumed
            ?
            [
                new(DeleteBookmark, [new("@id", consumed), new("@instance_id", instance.Id)], () => new BookmarkAlreadyConsumedException(consumed), CheckOrder: 0),
                new(DeleteTimersOfBookmark, [new("@id", consumed)]),
            ]
            : [];

        // (b) The instance, guarded by the version it was loaded at.
        var write = WriteInstance(commit, dialect, out newVersion);

        // With row locks, two bursts of one instance that each delete the other's bookmark (wait-any) would deadlock
        // if each locked its own bookmark first and then waited for the instance row. Taking the instance row first
        // serializes all bursts of an instance; the loser then finds the version moved (and its bookmark gone). The
        // bookmark gate is still reported first (CheckOrder), as the more precise reason.
        if (serverBatch)
        {
            statements.Add(write);
            statements.AddRange(consume);
        }
        else
        {
            statements.AddRange(consume);
            statements.Add(write);
        }

        // (c) Bookmarks the burst cancelled, with their timers.
        if (serverBatch)
        {
            foreach (var chunk in commit.RemovedBookmarkIds.Chunk(ChunkSize))
            {
                var names = string.Join(", ", chunk.Select((_, i) => Name("@r", i)));
                var parameters = chunk.Select((id, i) => new SqlParameterValue(Name("@r", i), id)).ToArray();
                statements.Add(new($"DELETE FROM workflow_bookmarks WHERE id IN ({names})", parameters));
                statements.Add(new($"DELETE FROM workflow_timers WHERE bookmark_id IN ({names})", parameters));
            }
        }
        else
        {
            foreach (var id in commit.RemovedBookmarkIds)
            {
                statements.Add(new(DeleteRemovedBookmark, [new("@id", id)]));
                statements.Add(new(DeleteTimersOfBookmark, [new("@id", id)]));
            }
        }

        // (d) Open incidents are resolved before this burst's own incidents are added (a retry may fault again).
        if (commit.ResolveIncidents)
        {
            statements.Add(new(ResolveIncidents, [new("@resolved_at", dialect.TimeValue(instance.UpdatedAt)), new("@instance_id", instance.Id)]));
        }

        Insert(statements, Bookmarks, serverBatch, commit.NewBookmarks,
            b => [b.Id, b.InstanceId, b.ActivityId, b.Name, b.Hash, b.Payload.ToJsonString(), dialect.TimeValue(b.CreatedAt)]);
        Insert(statements, Timers, serverBatch, commit.Timers,
            t => [t.Id, t.InstanceId, t.BookmarkId, dialect.TimeValue(t.DueAt)]);
        Insert(statements, Journal, serverBatch, commit.Journal,
            j => [j.InstanceId, j.ActivityId, j.ActivityType, j.Outcome, dialect.TimeValue(j.At), Nullable(j.Actor)]);
        Insert(statements, Incidents, serverBatch, commit.Incidents,
            i => [i.Id, i.InstanceId, i.ActivityId, i.ActivityType, i.ExceptionType, i.Message, dialect.TimeValue(i.At), dialect.TimeValue(i.ResolvedAt)]);
        Insert(statements, Outbox, serverBatch, commit.Messages,
            m => [m.Id, m.InstanceId, Nullable(m.CorrelationId), m.MessageType, m.Payload.ToJsonString(), dialect.TimeValue(m.CreatedAt), Nullable(m.TraceParent)]);

        // (e) Rows other components derive from this burst (e.g. a register, budget figures), in the same transaction.
        projections?.AppendTo(statements, commit);
        return statements;
    }

    private static SqlStatement WriteInstance(BurstCommit commit, StoreDialect dialect, out long newVersion)
    {
        var instance = commit.Instance;
        var state = InstanceStateJson.Serialize(instance.State);
        if (commit.IsNew)
        {
            newVersion = 1;
            return new(InsertInstance,
            [
                new("@id", instance.Id),
                new("@definition_id", instance.DefinitionId),
                new("@definition_version_id", instance.DefinitionVersionId),
                new("@definition_version", instance.DefinitionVersion),
                new("@status", instance.Status.ToString()),
                new("@correlation_id", Nullable(instance.CorrelationId)),
                new("@version", newVersion),
                new("@created_at", dialect.TimeValue(instance.CreatedAt)),
                new("@updated_at", dialect.TimeValue(instance.UpdatedAt)),
                new("@finished_at", dialect.TimeValue(instance.FinishedAt)),
                new("@state", state),
            ], () => new InstanceAlreadyExistsException(instance.Id), CheckOrder: 1);
        }

        var loaded = instance.Version;
        newVersion = loaded + 1;
        return new(UpdateInstance,
        [
            new("@status", instance.Status.ToString()),
            new("@updated_at", dialect.TimeValue(instance.UpdatedAt)),
            new("@finished_at", dialect.TimeValue(instance.FinishedAt)),
            new("@state", state),
            new("@id", instance.Id),
            new("@version", loaded),
        ], () => new ConcurrencyConflictException(instance.Id, loaded), CheckOrder: 1);
    }

    private static void Insert<T>(List<SqlStatement> statements, Table table, bool multiRow, IReadOnlyList<T> rows, Func<T, object[]> values)
    {
        if (!multiRow)
        {
            foreach (var row in rows)
            {
                var rowValues = values(row);
                var parameters = new SqlParameterValue[table.Columns.Length];
                for (var column = 0; column < parameters.Length; column++)
                {
                    parameters[column] = new(table.SingleRowNames[column], rowValues[column]);
                }

                statements.Add(new(table.SingleRowSql, parameters));
            }

            return;
        }

        foreach (var chunk in rows.Chunk(ChunkSize))
        {
            var sql = new StringBuilder(table.Prefix);
            var parameters = new SqlParameterValue[chunk.Length * table.Columns.Length];
            for (var row = 0; row < chunk.Length; row++)
            {
                var rowValues = values(chunk[row]);
                sql.Append(row == 0 ? "(" : ", (");
                for (var column = 0; column < table.Columns.Length; column++)
                {
                    var name = string.Create(CultureInfo.InvariantCulture, $"@p{row}_{column}");
                    parameters[(row * table.Columns.Length) + column] = new(name, rowValues[column]);
                    sql.Append(column == 0 ? string.Empty : ", ").Append(name);
                }

                sql.Append(')');
            }

            statements.Add(new(sql.ToString(), parameters));
        }
    }

    private static object Nullable(string? value) => (object?)value ?? DBNull.Value;

    private static string Name(string prefix, int index) => string.Create(CultureInfo.InvariantCulture, $"{prefix}{index}");

    private sealed class Table
    {
        public Table(string name, string[] columns)
        {
            Columns = columns;
            Prefix = $"INSERT INTO {name} ({string.Join(", ", columns)}) VALUES ";
            SingleRowNames = [.. columns.Select(c => "@" + c)];
            SingleRowSql = $"{Prefix}({string.Join(", ", SingleRowNames)})";
        }

        public string[] Columns { get; }
        public string Prefix { get; }
        public string[] SingleRowNames { get; }
        public string SingleRowSql { get; }
    }
}
