using Foerderworkflow.Testing;

namespace Foerderworkflow.Engine.Persistence.Tests.Infrastructure;

/// <summary>
/// Fresh databases on the PostgreSQL server named by <c>FOERDERWORKFLOW_TEST_POSTGRES</c>, created through that
/// (admin) connection and dropped afterwards. Without the variable every test of the class fails: these tests never
/// skip silently.
/// </summary>
public sealed class PostgreSqlStoreFixture : StoreFixture
{
    private readonly List<TestDatabase> databases = [];

    public override WorkflowStoreProvider Provider => WorkflowStoreProvider.PostgreSql;

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
        var database = await TestPostgres.CreateDatabaseAsync("fw_test_");
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
