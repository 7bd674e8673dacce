using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Foerderworkflow.Accounting.Ledger;

/// <summary>What differs between the ledger's two databases: connections, id and time columns, locking.</summary>
internal abstract class LedgerDialect
{
    public static LedgerDialect For(AccountingOptions options) => options.Store switch
    {
        LedgerStoreProvider.PostgreSql => new PostgreSqlLedgerDialect(options.ConnectionString),
        _ => new SqliteLedgerDialect(options.ConnectionString),
    };

    public abstract string SchemaFolder { get; }

    /// <summary>Creates the database's directory or the database itself when that is ours to do.</summary>
    public virtual Task PrepareStorageAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    public abstract object Id(Guid id);

    public abstract object Time(DateTimeOffset time);

    public abstract Guid ReadId(DbDataReader reader, int ordinal);

    /// <summary>
    /// Begins the transaction of one booking and serialises it with every other booking of the same application, so two
    /// events of one application never compute a release from the same stale figures.
    /// </summary>
    public abstract Task<DbTransaction> BeginBookingAsync(DbConnection connection, string accountKey, CancellationToken cancellationToken);

    /// <summary>Begins the transaction that applies schema scripts, locked against another worker doing the same.</summary>
    public abstract Task<DbTransaction> BeginSchemaAsync(DbConnection connection, CancellationToken cancellationToken);

    public abstract string CreateSchemaTableSql { get; }
}

internal sealed class SqliteLedgerDialect(string connectionString) : LedgerDialect
{
    public override string SchemaFolder => "Sqlite";

    public override string CreateSchemaTableSql => "CREATE TABLE IF NOT EXISTS accounting_schema_versions (version INTEGER NOT NULL PRIMARY KEY, applied_at TEXT NOT NULL)";

    public override Task PrepareStorageAsync(CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (!string.IsNullOrEmpty(builder.DataSource) && builder.DataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var directory = Path.GetDirectoryName(Path.GetFullPath(builder.DataSource));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }
        }

        return Task.CompletedTask;
    }

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var pragma = connection.CreateCommand();
            // WAL lets the relay read while a booking writes; FULL makes a committed booking survive a power cut.
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA busy_timeout = 10000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override object Id(Guid id) => id.ToString("D");

    public override object Time(DateTimeOffset time) => time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture);

    public override Guid ReadId(DbDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    // Microsoft.Data.Sqlite begins IMMEDIATE transactions: the write lock is taken at once, so bookings run one after another.
    public override async Task<DbTransaction> BeginBookingAsync(DbConnection connection, string accountKey, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);

    public override async Task<DbTransaction> BeginSchemaAsync(DbConnection connection, CancellationToken cancellationToken) =>
        await connection.BeginTransactionAsync(cancellationToken);
}

internal sealed class PostgreSqlLedgerDialect(string connectionString) : LedgerDialect
{
    /// <summary>Advisory lock key of schema changes ("acctschm" in ASCII), distinct from the workflow store's.</summary>
    private const long SchemaLockKey = 0x6163637473636864;

    public override string SchemaFolder => "PostgreSql";

    public override string CreateSchemaTableSql => "CREATE TABLE IF NOT EXISTS accounting_schema_versions (version integer NOT NULL PRIMARY KEY, applied_at timestamptz NOT NULL)";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public override object Id(Guid id) => id;

    public override object Time(DateTimeOffset time) => time.ToUniversalTime();

    public override Guid ReadId(DbDataReader reader, int ordinal) => reader.GetGuid(ordinal);

    public override async Task<DbTransaction> BeginBookingAsync(DbConnection connection, string accountKey, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT pg_advisory_xact_lock(hashtextextended(@key, 0))";
        command.Parameters.Add(new NpgsqlParameter("key", accountKey));
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }

    public override async Task<DbTransaction> BeginSchemaAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var transaction = await connection.BeginTransactionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({SchemaLockKey})";
        await command.ExecuteNonQueryAsync(cancellationToken);
        return transaction;
    }
}
