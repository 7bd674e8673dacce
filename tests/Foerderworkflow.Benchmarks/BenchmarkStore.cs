using System.Data.Common;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Foerderworkflow.Benchmarks;

/// <summary>A fresh database with the engine's schema, the engine's store on it, and a raw connection for the baseline.</summary>
internal sealed class BenchmarkStore : IAsyncDisposable
{
    private readonly ServiceProvider services;
    private readonly BenchmarkTarget target;
    private readonly string connectionString;
    private readonly Action cleanup;

    private BenchmarkStore(BenchmarkTarget target, string connectionString, ServiceProvider services, Action cleanup)
    {
        this.target = target;
        this.connectionString = connectionString;
        this.services = services;
        this.cleanup = cleanup;
        Store = services.GetRequiredService<IWorkflowStore>();
        JavaScript = new JavaScriptEvaluator();
        Compiler = new FlowchartCompiler(ActivityRegistry.WithBuiltIns(), JavaScript);
    }

    public string Name => target.Name;
    public IWorkflowStore Store { get; }
    public JavaScriptEvaluator JavaScript { get; }
    public FlowchartCompiler Compiler { get; }

    public static async Task<BenchmarkStore> CreateAsync(BenchmarkTarget target)
    {
        string connectionString;
        Action cleanup;
        if (target.Provider == WorkflowStoreProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("fw-bench-").FullName;
            connectionString = $"Data Source={Path.Combine(folder, "bench.db")}";
            cleanup = () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(folder, recursive: true);
            };
        }
        else
        {
            var database = $"fw_bench_{Guid.NewGuid():N}";
            await ExecuteAsync(target.AdminConnectionString!, $"CREATE DATABASE {database}");
            connectionString = new NpgsqlConnectionStringBuilder(target.AdminConnectionString) { Database = database, MaxPoolSize = 32 }.ConnectionString;
            cleanup = () =>
            {
                NpgsqlConnection.ClearAllPools();
                ExecuteAsync(target.AdminConnectionString!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)").GetAwaiter().GetResult();
            };
        }

        var services = new ServiceCollection()
            .AddWorkflowStore(new WorkflowStoreOptions { Provider = target.Provider, ConnectionString = connectionString, SqliteSynchronous = SqliteSynchronousMode.Full })
            .BuildServiceProvider();
        await services.MigrateWorkflowStoreAsync();
        var store = new BenchmarkStore(target, connectionString, services, cleanup);
        await store.ExecuteAsync("CREATE TABLE IF NOT EXISTS bench_raw (id BIGINT PRIMARY KEY, payload TEXT NOT NULL)");
        return store;
    }

    /// <summary>The baseline: one single-row INSERT per committed transaction, on one connection.</summary>
    public async Task RawInsertsAsync(int count)
    {
        await using var connection = await OpenAsync();
        var start = await NextRawIdAsync(connection);
        for (var i = 0; i < count; i++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO bench_raw (id, payload) VALUES (@id, @payload)";
            AddParameter(command, "@id", start + i);
            AddParameter(command, "@payload", "{\"status\":\"Suspended\"}");
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    /// <summary>Bytes the database occupies now (SQLite after a checkpoint; PostgreSQL its database size).</summary>
    public async Task<long> StoredBytesAsync()
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        if (target.Provider == WorkflowStoreProvider.Sqlite)
        {
            command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await command.ExecuteNonQueryAsync();
            command.CommandText = "SELECT (page_count - freelist_count) * page_size FROM pragma_page_count(), pragma_freelist_count(), pragma_page_size()";
        }
        else
        {
            command.CommandText = "SELECT sum(pg_total_relation_size(c.oid))::bigint FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' AND c.relname LIKE 'workflow_%'";
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async ValueTask DisposeAsync()
    {
        await services.DisposeAsync();
        cleanup();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = await OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ExecuteAsync(string adminConnectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<DbConnection> OpenAsync()
    {
        DbConnection connection = target.Provider == WorkflowStoreProvider.Sqlite ? new SqliteConnection(connectionString) : new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        if (connection is SqliteConnection)
        {
            // The same durability the engine's store uses: WAL with a full fsync per commit.
            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=30000;";
            await pragma.ExecuteNonQueryAsync();
        }

        return connection;
    }

    private static async Task<long> NextRawIdAsync(DbConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(id), 0) + 1 FROM bench_raw";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
