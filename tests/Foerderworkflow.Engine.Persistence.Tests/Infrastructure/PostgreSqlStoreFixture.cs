using Npgsql;

namespace Foerderworkflow.Engine.Persistence.Tests.Infrastructure;

/// <summary>
/// Fresh databases on the PostgreSQL server named by <c>FOERDERWORKFLOW_TEST_POSTGRES</c>, created through that
/// (admin) connection and dropped afterwards. Without the variable every test of the class fails: these tests never
/// skip silently.
/// </summary>
public sealed class PostgreSqlStoreFixture : StoreFixture
{
    public const string Variable = "FOERDERWORKFLOW_TEST_POSTGRES";

    private readonly List<string> databases = [];

    public override WorkflowStoreProvider Provider => WorkflowStoreProvider.PostgreSql;

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL tests need the environment variable {Variable} (e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres\"). " +
                "Run ops/test.sh, which starts PostgreSQL and sets it.");

    public override Task FailOutboxInsertsAsync(string messageType)
    {
        var name = "fail_outbox_" + messageType.Replace('.', '_').ToLowerInvariant();
        return ExecuteAsync(
            $$"""
            CREATE OR REPLACE FUNCTION {{name}}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN RAISE EXCEPTION 'injected failure: outbox insert of {{messageType}}'; END $$;
            CREATE OR REPLACE TRIGGER {{name}} BEFORE INSERT ON workflow_outbox
            FOR EACH ROW WHEN (NEW.message_type = '{{messageType}}') EXECUTE FUNCTION {{name}}();
            """);
    }

    protected override async Task<string> CreateDatabaseAsync()
    {
        var name = "fw_test_" + Guid.NewGuid().ToString("N");
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
}
