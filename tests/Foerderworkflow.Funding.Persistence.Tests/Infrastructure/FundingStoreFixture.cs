using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Engine.Timers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Foerderworkflow.Funding.Persistence.Tests.Infrastructure;

/// <summary>
/// One migrated database per test class with the workflow store, the funding store (demo funds seeded), the real
/// engine with the funding activities and the shipped workflows published. Subclasses create and drop the database.
/// </summary>
public abstract class FundingStoreFixture : IAsyncLifetime
{
    /// <summary>Monday, 2 March 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private readonly List<ServiceProvider> providers = [];
    private ServiceProvider? services;

    public abstract WorkflowStoreProvider Provider { get; }

    public FakeTimeProvider Clock { get; } = new(Start);

    public IWorkflowStore Store => Services.GetRequiredService<IWorkflowStore>();

    public FundingStore Funding => Services.GetRequiredService<FundingStore>();

    public FlowchartCompiler Compiler { get; } = new(ActivityRegistry.WithBuiltIns().RegisterAssemblyOf<FundingAssembly>(), new JavaScriptEvaluator());

    public WorkflowRuntime Runtime { get; private set; } = null!;

    public ServiceProvider Services => services ?? throw new InvalidOperationException("The fixture is not initialized.");

    public async Task InitializeAsync()
    {
        services = await CreateServicesAsync();
        Runtime = new WorkflowRuntime(Store, Compiler, new JavaScriptEvaluator(), Clock, new NoTimers(), new NoSignal());
        using var definitions = new WorkflowDefinitionService(Store, Compiler, Clock);
        foreach (var file in Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.json"))
        {
            await definitions.PublishAsync(JsonNode.Parse(await File.ReadAllTextAsync(file))!.AsObject());
        }
    }

    public async Task DisposeAsync()
    {
        foreach (var provider in providers)
        {
            await provider.DisposeAsync();
        }

        await DropDatabasesAsync();
    }

    /// <summary>Workflow and funding store on a new database, migrated (funding with the demo funds).</summary>
    public async Task<ServiceProvider> CreateServicesAsync(bool seed = true)
    {
        var provider = new ServiceCollection()
            .AddSingleton<TimeProvider>(Clock)
            .AddWorkflowStore(new WorkflowStoreOptions { Provider = Provider, ConnectionString = await CreateDatabaseAsync() })
            .AddFundingStore(o => o.SeedDemoData = seed)
            .BuildServiceProvider();
        providers.Add(provider);
        await provider.MigrateWorkflowStoreAsync();
        await provider.MigrateFundingStoreAsync();
        return provider;
    }

    /// <summary>Creates an empty database; returns its connection string.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    protected abstract Task DropDatabasesAsync();

    private sealed class NoTimers : ITimerScheduler
    {
        public void OnTimersCommitted(IReadOnlyList<WorkflowTimer> timers)
        {
        }
    }

    private sealed class NoSignal : IOutboxSignal
    {
        public void OnMessagesCommitted()
        {
        }
    }
}
