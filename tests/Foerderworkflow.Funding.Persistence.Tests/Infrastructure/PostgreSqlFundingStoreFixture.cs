using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Testing;

namespace Foerderworkflow.Funding.Persistence.Tests.Infrastructure;

/// <summary>
/// Fresh databases on the PostgreSQL server named by <c>FOERDERWORKFLOW_TEST_POSTGRES</c>, dropped afterwards.
/// Without the variable every test of the class fails: these tests never skip silently.
/// </summary>
public sealed class PostgreSqlFundingStoreFixture : FundingStoreFixture
{
    private readonly List<TestDatabase> databases = [];

    public override WorkflowStoreProvider Provider => WorkflowStoreProvider.PostgreSql;

    protected override async Task<string> CreateDatabaseAsync()
    {
        var database = await TestPostgres.CreateDatabaseAsync("fw_funding_test_");
        databases.Add(database);
        return database.ConnectionString;
    }

    protected override async Task DropDatabasesAsync()
    {
        foreach (var database in databases)
        {
            await database.DisposeAsync();
        }
    }
}
