using System.Data.Common;
using Foerderworkflow.Engine.Persistence.Commits;
using Foerderworkflow.Engine.Persistence.Model;
using Foerderworkflow.Engine.Persistence.Projections;
using Microsoft.EntityFrameworkCore;

namespace Foerderworkflow.Engine.Persistence.Dialects;

/// <summary>What differs between the two databases: connection set-up, transactions, time values, error codes, locks.</summary>
internal abstract class StoreDialect
{
    /// <summary>The embedded folder of this provider's schema scripts (<c>Schema/&lt;folder&gt;/NNNN_name.sql</c>).</summary>
    public abstract string SchemaFolder { get; }

    /// <summary>Creates the table that lists a script set's applied versions (<c>schema_versions</c> for the engine).</summary>
    public abstract string CreateVersionsTableSql(string table);

    /// <summary>A query giving 1 if the versions table exists, else 0.</summary>
    public abstract string VersionsTableExistsSql(string table);

    public static StoreDialect For(WorkflowStoreOptions options) => options.Provider switch
    {
        WorkflowStoreProvider.Sqlite => new SqliteDialect(options),
        WorkflowStoreProvider.PostgreSql => new PostgreSqlDialect(options),
        _ => throw new ArgumentOutOfRangeException(nameof(options), options.Provider, "Unknown workflow store provider."),
    };

    public abstract void Configure(DbContextOptionsBuilder builder);

    /// <summary>The hot path that writes bursts for this database.</summary>
    public abstract IBurstCommitter CreateCommitter(IDbContextFactory<WorkflowDbContext> contexts, CommitProjections projections);

    /// <summary>Whatever must exist before the first connection (the SQLite file's directory).</summary>
    public virtual void PrepareStorage()
    {
    }

    /// <summary>Starts a write transaction that takes its write lock at once, so two writers never deadlock.</summary>
    public abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>A time as the hot-path SQL passes it (must match how EF maps the column).</summary>
    public abstract object TimeValue(DateTimeOffset value);

    public object TimeValue(DateTimeOffset? value) => value is { } time ? TimeValue(time) : DBNull.Value;

    public abstract bool IsUniqueViolation(Exception exception);

    /// <summary>Serializes schema migrations across processes; disposing releases the lock.</summary>
    public abstract Task<IAsyncDisposable> LockSchemaAsync(DbConnection connection, CancellationToken cancellationToken);
}
