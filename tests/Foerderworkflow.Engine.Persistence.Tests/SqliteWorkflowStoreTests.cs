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
    public async Task CommitAsync_ConcurrentBursts_ShareTransactions()
    {
        var instances = new List<Runtime.WorkflowInstance>();
        for (var i = 0; i < 64; i++)
        {
            instances.Add(await InsertAsync(TestData.Instance()));
        }

        // Callers write synchronously while they hold the writer; with only as many pool threads as cores (two here, on
        // an idle machine) the second caller's commit is often the only one queued behind the first, and no group
        // forms. Enough threads make the callers really concurrent, which is the situation this test is about.
        ThreadPool.GetMinThreads(out var workers, out var completionPorts);
        ThreadPool.SetMinThreads(Math.Max(workers, 16), completionPorts);
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var commits = instances.Select(instance => Task.Run(async () =>
        {
            await start.Task;
            await Store.CommitAsync(TestData.Commit(instance, journal: [TestData.Entry(instance, "a")]));
        })).ToList();
        start.SetResult();
        await Task.WhenAll(commits);

        Assert.All(instances, i => Assert.Equal(2, i.Version));
        var committer = Assert.IsType<Commits.SqliteBurstCommitter>(((EfWorkflowStore)Store).Committer);
        Assert.True(committer.LargestGroup > 1, $"largest group {committer.LargestGroup}");
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
