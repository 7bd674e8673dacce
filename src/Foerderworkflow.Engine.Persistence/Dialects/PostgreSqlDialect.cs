using System.Data;
using System.Data.Common;
using Foerderworkflow.Engine.Persistence.Commits;
using Foerderworkflow.Engine.Persistence.Model;
using Foerderworkflow.Engine.Persistence.Projections;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Foerderworkflow.Engine.Persistence.Dialects;

internal sealed class PostgreSqlDialect(WorkflowStoreOptions options) : StoreDialect
{
    /// <summary>Key of the session advisory lock migrators take ("Foerderw" in ASCII).</summary>
    private const long SchemaLockKey = 0x466F_6572_6465_7277;

    public override string SchemaFolder => "PostgreSql";

    public override string CreateVersionsTableSql(string table) =>
        $"CREATE TABLE IF NOT EXISTS {table} (version integer NOT NULL PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())";

    public override string VersionsTableExistsSql(string table) => $"SELECT COUNT(*) FROM pg_catalog.pg_tables WHERE schemaname = current_schema() AND tablename = '{table}'";

    public override void Configure(DbContextOptionsBuilder builder) => builder.UseNpgsql(options.ConnectionString);

    public override IBurstCommitter CreateCommitter(IDbContextFactory<WorkflowDbContext> contexts, CommitProjections projections) => new BatchBurstCommitter(contexts, this, projections);

    public override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // Read committed: a concurrent DELETE or guarded UPDATE of the same row waits for the other transaction and
        // then re-evaluates its WHERE clause against the committed row, which is exactly the gate the commit needs.
        await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);

    public override object TimeValue(DateTimeOffset value) => value.ToUniversalTime();

    public override bool IsUniqueViolation(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation }
        || (exception.InnerException is { } inner && IsUniqueViolation(inner));

    public override async Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        await using (var command = connection.CreateCommand())
        {
            command.CommandText = $"SELECT pg_advisory_lock({SchemaLockKey})";
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return new AdvisoryLock(connection);
    }

    private sealed class AdvisoryLock(DbConnection connection) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT pg_advisory_unlock({SchemaLockKey})";
            await command.ExecuteNonQueryAsync();
        }
    }
}
