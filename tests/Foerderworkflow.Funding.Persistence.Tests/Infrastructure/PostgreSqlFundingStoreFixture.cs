using System.Data.Common;
using Foerderworkflow.Engine.Persistence;
using Npgsql;

namespace Foerderworkflow.Funding.Persistence.Tests.Infrastructure;

/// <summary>
/// Fresh databases on the PostgreSQL server named by <c>FOERDERWORKFLOW_TEST_POSTGRES</c>, dropped afterwards.
/// Without the variable every test of the class fails: these tests never skip silently.
/// </summary>
public sealed class PostgreSqlFundingStoreFixture : FundingStoreFixture
{
    public const string Variable = "FOERDERWORKFLOW_TEST_POSTGRES";

    private readonly List<string> databases = [];

    public override WorkflowStoreProvider Provider => WorkflowStoreProvider.PostgreSql;

    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL tests need the environment variable {Variable} (e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres\"). " +
                "Run ops/test.sh, which starts PostgreSQL and sets it.");

    protected override async Task<string> CreateDatabaseAsync()
    {
        var name = "fw_funding_test_" + Guid.NewGuid().ToString("N");
        await using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            await admin.OpenAsync();
            await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        }

        databases.Add(name);
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name }.ConnectionString;
    }

    protected override async Task DropDatabasesAsync()
    {
        if (databases.Count == 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(AdminConnectionString);
        await admin.OpenAsync();
        foreach (var name in databases)
        {
            await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        }
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
