using Foerderworkflow.Accounting;
using Foerderworkflow.Testing;

namespace Foerderworkflow.Accounting.Tests.TestSupport;

/// <summary>
/// A fresh ledger database per test: a temporary SQLite file, or a new database on the PostgreSQL server named by
/// <c>FOERDERWORKFLOW_TEST_POSTGRES</c> (a missing variable fails the test; start it with <c>ops/test-services.sh start</c>).
/// </summary>
public sealed class LedgerDatabase : IAsyncDisposable
{
    private readonly string? sqlitePath;
    private readonly TestDatabase? postgresDatabase;

    private LedgerDatabase(AccountingOptions options, string? sqlitePath, TestDatabase? postgresDatabase)
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

        var database = await TestPostgres.CreateDatabaseAsync("fw_ledger_");
        return new LedgerDatabase(new AccountingOptions { Store = provider, ConnectionString = database.ConnectionString }, null, database);
    }

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
            await postgresDatabase.DisposeAsync();
        }
    }
}
