using Foerderworkflow.Accounting;
using Npgsql;

namespace Foerderworkflow.Accounting.Tests.TestSupport;

/// <summary>
/// A fresh ledger database per test: a temporary SQLite file, or a new database on the PostgreSQL server named by
/// <c>FOERDERWORKFLOW_TEST_POSTGRES</c> (a missing variable fails the test; start it with <c>ops/test-services.sh start</c>).
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "FOERDERWORKFLOW_TEST_POSTGRES";

    private readonly string? sqlitePath;
    private readonly string? postgresDatabase;

    private LedgerDatabase(AccountingOptions options, string? sqlitePath, string? postgresDatabase)
    {
        Options = options;
        this.sqlitePath = sqlitePath;
        this.postgresDatabase = postgresDatabase;
    }

    public AccountingOptions Options { get; }

    public static async Task<LedgerDatabase> CreateAsync(LedgerStoreProvider provider)
    {
        if (provider == LedgerStoreProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"fw-ledger-{Guid.NewGuid():N}.db");
            return new LedgerDatabase(new AccountingOptions { Store = provider, ConnectionString = $"Data Source={path}" }, path, null);
        }

        var admin = AdminConnectionString;
        var name = "fw_ledger_" + Guid.NewGuid().ToString("N");
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await command.ExecuteNonQueryAsync();
        }

        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        return new LedgerDatabase(new AccountingOptions { Store = provider, ConnectionString = connectionString }, null, name);
    }

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"{PostgresVariable} is not set; run 'bash ops/test-services.sh start' and set it, e.g. Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres");

    public async ValueTask DisposeAsync()
    {
        if (sqlitePath is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { sqlitePath, sqlitePath + "-wal", sqlitePath + "-shm" })
            {
                File.Delete(file);
            }
        }

        if (postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {postgresDatabase} WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
