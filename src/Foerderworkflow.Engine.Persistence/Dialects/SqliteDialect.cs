using System.Data.Common;
using System.Globalization;
using Foerderworkflow.Engine.Persistence.Commits;
using Foerderworkflow.Engine.Persistence.Model;
using Foerderworkflow.Engine.Persistence.Projections;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace Foerderworkflow.Engine.Persistence.Dialects;

internal sealed class SqliteDialect(WorkflowStoreOptions options) : StoreDialect
{
    /// <summary>SQLITE_CONSTRAINT_PRIMARYKEY and SQLITE_CONSTRAINT_UNIQUE.</summary>
    private const int PrimaryKeyViolation = 1555;
    private const int UniqueViolation = 2067;

    private SqlitePragmaInterceptor? interceptor;

    /// <summary>Per-connection settings: durability of a commit and how long to wait for another writer.</summary>
    public string ConnectionPragmas { get; } = string.Create(
        CultureInfo.InvariantCulture,
        $"PRAGMA synchronous = {options.SqliteSynchronous.ToString().ToUpperInvariant()}; PRAGMA busy_timeout = {(int)options.SqliteBusyTimeout.TotalMilliseconds};");

    public override string SchemaFolder => "Sqlite";

    public override string CreateVersionsTableSql(string table) =>
        $"CREATE TABLE IF NOT EXISTS {table} (version INTEGER NOT NULL PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')))";

    public override string VersionsTableExistsSql(string table) => $"SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = '{table}'";

    public override void Configure(DbContextOptionsBuilder builder) =>
        builder.UseSqlite(options.ConnectionString).AddInterceptors(interceptor ??= new SqlitePragmaInterceptor(ConnectionPragmas));

    public override IBurstCommitter CreateCommitter(IDbContextFactory<WorkflowDbContext> contexts, CommitProjections projections) =>
        new SqliteBurstCommitter(options.ConnectionString, this, projections);

    public override void PrepareStorage()
    {
        var dataSource = new SqliteConnectionStringBuilder(options.ConnectionString).DataSource;
        if (string.IsNullOrEmpty(dataSource) || dataSource == ":memory:" || dataSource.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }
    }

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        // BEGIN IMMEDIATE: take the write lock now (waiting up to busy_timeout) instead of upgrading a read lock later,
        // which fails at once with SQLITE_BUSY when another writer got there first.
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));

    public override object TimeValue(DateTimeOffset value) => UtcTextConverter.Format(value);

    public override bool IsUniqueViolation(Exception exception) =>
        exception is SqliteException { SqliteExtendedErrorCode: PrimaryKeyViolation or UniqueViolation }
        || (exception.InnerException is { } inner && IsUniqueViolation(inner));

    public override async Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        // The database file's write lock (BEGIN IMMEDIATE per script) serializes migrators; WAL is a property of the
        // file, set once here.
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return NoLock.Instance;
    }

    private sealed class NoLock : IAsyncDisposable
    {
        public static readonly NoLock Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }
}
