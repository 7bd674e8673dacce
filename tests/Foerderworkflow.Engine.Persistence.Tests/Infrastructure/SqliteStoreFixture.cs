using Microsoft.Data.Sqlite;

namespace Foerderworkflow.Engine.Persistence.Tests.Infrastructure;

/// <summary>SQLite files in a temporary directory, deleted afterwards.</summary>
public sealed class SqliteStoreFixture : StoreFixture
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "foerderworkflow-tests", Guid.NewGuid().ToString("N"));

    public override WorkflowStoreProvider Provider => WorkflowStoreProvider.Sqlite;

    public string Directory => directory;

    public override Task FailOutboxInsertsAsync(string messageType) => ExecuteAsync(
        $"""
        CREATE TRIGGER IF NOT EXISTS fail_outbox_{messageType.Replace('.', '_')} BEFORE INSERT ON workflow_outbox
        WHEN NEW.message_type = '{messageType}'
        BEGIN SELECT RAISE(ABORT, 'injected failure: outbox insert of {messageType}'); END;
        """);

    protected override Task<string> CreateDatabaseAsync() =>
        // The store creates the directory itself (as it does for the server's ./data).
        Task.FromResult($"Data Source={Path.Combine(directory, Guid.NewGuid().ToString("N") + ".db")}");

    protected override Task DropDatabasesAsync()
    {
        SqliteConnection.ClearAllPools();
        if (System.IO.Directory.Exists(directory))
        {
            System.IO.Directory.Delete(directory, recursive: true);
        }

        return Task.CompletedTask;
    }
}
