using Foerderworkflow.Engine.Persistence.Schema;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Engine.Persistence.Tests;

public abstract partial class WorkflowStoreContract
{
    [Fact]
    public async Task MigrateAsync_SecondRun_AppliesNothing()
    {
        var applied = await Fixture.Migrator.MigrateAsync();

        Assert.Empty(applied);
        Assert.Equal([1, 2, 3], await Fixture.Migrator.GetAppliedVersionsAsync());
        Assert.Equal([1, 2, 3], Fixture.Migrator.Scripts.Select(s => s.Version));
    }

    [Fact]
    public async Task MigrateAsync_EmptyDatabase_AppliesEveryScriptAndRecordsIt()
    {
        var services = await Fixture.CreateServicesAsync(migrate: false);
        var migrator = services.GetRequiredService<SchemaMigrator>();

        Assert.Empty(await migrator.GetAppliedVersionsAsync());
        Assert.Equal([1, 2, 3], await services.MigrateWorkflowStoreAsync());
        Assert.Equal([1, 2, 3], await migrator.GetAppliedVersionsAsync());
        Assert.Empty(await services.MigrateWorkflowStoreAsync());
        Assert.Empty(await services.GetRequiredService<IWorkflowStore>().ListLatestDefinitionsAsync());
    }

    [Fact]
    public async Task MigrateAsync_TwoServersStartingTogether_ApplyEachVersionOnce()
    {
        var services = await Fixture.CreateServicesAsync(migrate: false);
        var connectionString = services.GetRequiredService<WorkflowStoreOptions>().ConnectionString;
        var second = new ServiceCollection().AddWorkflowStore(new WorkflowStoreOptions { Provider = Fixture.Provider, ConnectionString = connectionString }).BuildServiceProvider();
        await using var _ = second;
        using var gate = new Barrier(2);

        var runs = await Task.WhenAll(
            Task.Run(async () => { gate.SignalAndWait(); return await services.MigrateWorkflowStoreAsync(); }),
            Task.Run(async () => { gate.SignalAndWait(); return await second.MigrateWorkflowStoreAsync(); }));

        Assert.Equal([1, 2, 3], runs.SelectMany(r => r));
        Assert.Equal([1, 2, 3], await services.GetRequiredService<SchemaMigrator>().GetAppliedVersionsAsync());
    }

    [Fact]
    public async Task CanConnect_MigratedDatabase_ReturnsTrue() => Assert.True(await Store.CanConnectAsync());
}
