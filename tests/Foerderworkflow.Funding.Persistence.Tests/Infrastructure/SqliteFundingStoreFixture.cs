using Foerderworkflow.Engine.Persistence;
using Microsoft.Data.Sqlite;

namespace Foerderworkflow.Funding.Persistence.Tests.Infrastructure;

/// <summary>SQLite files in a temporary directory, deleted afterwards.</summary>
public sealed class SqliteFundingStoreFixture : FundingStoreFixture
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "foerderworkflow-funding-store-tests", Guid.NewGuid().ToString("N"));

    public override WorkflowStoreProvider Provider => WorkflowStoreProvider.Sqlite;

    protected override Task<string> CreateDatabaseAsync() =>
        Task.FromResult($"Data Source={Path.Combine(directory, Guid.NewGuid().ToString("N") + ".db")}");

    protected override Task DropDatabasesAsync()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
