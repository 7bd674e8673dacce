using Foerderworkflow.Engine.Persistence.Model;
using Foerderworkflow.Engine.Persistence.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Engine.Persistence.Tests;

public sealed class SqliteWorkflowStoreTests(SqliteStoreFixture fixture) : WorkflowStoreContract(fixture), IClassFixture<SqliteStoreFixture>
{
    [Fact]
    public async Task Connection_Default_UsesWalAndSynchronousFull()
    {
        Assert.Equal(2, await Fixture.ScalarAsync("PRAGMA synchronous")); // FULL
        await using var context = await Fixture.CreateContextAsync();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string?)await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Connection_SynchronousNormal_IsApplied()
    {
        await using var services = await Fixture.CreateServicesAsync(migrate: true, o => o.SqliteSynchronous = SqliteSynchronousMode.Normal);
        var factory = services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>();
        await using var context = await factory.CreateDbContextAsync();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = "PRAGMA synchronous";
        Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
    }

    [Fact]
    public async Task MigrateAsync_MissingDirectory_CreatesIt()
    {
        var directory = Path.Combine(fixture.Directory, "nested", Guid.NewGuid().ToString("N"));
        var options = new WorkflowStoreOptions { ConnectionString = $"Data Source={Path.Combine(directory, "store.db")}" };
        await using var services = new ServiceCollection().AddWorkflowStore(options).BuildServiceProvider();

        await services.MigrateWorkflowStoreAsync();

        Assert.True(File.Exists(Path.Combine(directory, "store.db")));
    }
}
