using System.Data.Common;
using System.Globalization;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Persistence.Model;
using Foerderworkflow.Engine.Persistence.Schema;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Engine.Persistence.Tests.Infrastructure;

/// <summary>
/// One migrated database per test class, with the store, a runtime and the definition service on top. Subclasses
/// create and drop the database for their provider.
/// </summary>
public abstract class StoreFixture : IAsyncLifetime
{
    private readonly List<ServiceProvider> providers = [];
    private ServiceProvider? services;

    public abstract WorkflowStoreProvider Provider { get; }

    public IWorkflowStore Store => Services.GetRequiredService<IWorkflowStore>();

    public SchemaMigrator Migrator => Services.GetRequiredService<SchemaMigrator>();

    public FlowchartCompiler Compiler { get; } = new(ActivityRegistry.WithBuiltIns(), new JavaScriptEvaluator());

    public WorkflowDefinitionService Definitions { get; private set; } = null!;

    public WorkflowRuntime Runtime { get; private set; } = null!;

    internal ServiceProvider Services => services ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        services = await CreateServicesAsync(migrate: true);
        Definitions = new WorkflowDefinitionService(Store, Compiler, TimeProvider.System);
        Runtime = new WorkflowRuntime(Store, Compiler, new JavaScriptEvaluator(), TimeProvider.System, new NoTimerScheduler(), new NoOutboxSignal());
    }

    public async Task DisposeAsync()
    {
        Definitions?.Dispose();
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await DropDatabasesAsync();
    }

    /// <summary>A store on a new, empty database of the same provider (for migrator tests); disposed with the fixture.</summary>
    public async Task<ServiceProvider> CreateServicesAsync(bool migrate, Action<WorkflowStoreOptions>? configure = null, Action<IServiceCollection>? register = null)
    {
        var options = new WorkflowStoreOptions { Provider = Provider, ConnectionString = await CreateDatabaseAsync() };
        configure?.Invoke(options);
        var collection = new ServiceCollection();
        register?.Invoke(collection);
        var provider = collection.AddWorkflowStore(options).BuildServiceProvider();
        providers.Add(provider);
        if (migrate)
        {
            await provider.MigrateWorkflowStoreAsync();
        }

        return provider;
    }

    /// <summary>A second, independent store on this fixture's database, as another server process would have.</summary>
    public Task<ServiceProvider> CreateServicesOnSameDatabaseAsync()
    {
        var options = Services.GetRequiredService<WorkflowStoreOptions>();
        var provider = new ServiceCollection().AddWorkflowStore(new WorkflowStoreOptions { Provider = options.Provider, ConnectionString = options.ConnectionString }).BuildServiceProvider();
        providers.Add(provider);
        return Task.FromResult(provider);
    }

    /// <summary>Runs SQL on this fixture's database outside the store (set-up of failures, inspection).</summary>
    public async Task ExecuteAsync(string sql)
    {
        await using var context = await CreateContextAsync();
        await context.Database.ExecuteSqlRawAsync(sql);
    }

    /// <summary>A single number from this fixture's database.</summary>
    public async Task<long> ScalarAsync(string sql, params (string Name, object Value)[] parameters)
    {
        await using var context = await CreateContextAsync();
        await context.Database.OpenConnectionAsync();
        await using var command = context.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    public Task<long> CountAsync(string table, string instanceId) =>
        ScalarAsync($"SELECT COUNT(*) FROM {table} WHERE instance_id = @id", ("@id", instanceId));

    /// <summary>Makes every insert of an outbox message of this type fail inside the database (a trigger).</summary>
    public abstract Task FailOutboxInsertsAsync(string messageType);

    internal Task<WorkflowDbContext> CreateContextAsync() =>
        Services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>().CreateDbContextAsync();

    /// <summary>Creates an empty database; returns its connection string.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabasesAsync();

    internal static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
