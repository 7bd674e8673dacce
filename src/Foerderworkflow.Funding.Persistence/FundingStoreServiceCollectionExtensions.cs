using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Persistence.Projections;
using Foerderworkflow.Engine.Persistence.Schema;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Committee;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Registry;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Funding.Persistence;

public static class FundingStoreServiceCollectionExtensions
{
    /// <summary>The funding tables' scripts (<c>Schema/Sqlite</c>, <c>Schema/PostgreSql</c>), listed in <c>funding_schema_versions</c>.</summary>
    public static SchemaScriptSet Scripts { get; } = new("funding_schema_versions", typeof(FundingStore).Assembly, "Foerderworkflow.Funding.Persistence.Schema");

    /// <summary>
    /// Registers <see cref="IFundingRegistry"/> (<see cref="FundingStore"/>), the stored <see cref="ICommitteeBallotBox"/> and the commit projection that keeps the
    /// register and budgets in step with the bursts. The tables live in the workflow database, because the projection
    /// writes them in the burst's transaction: the store uses the connection settings given to
    /// <see cref="WorkflowStoreServiceCollectionExtensions.AddWorkflowStore(IServiceCollection, WorkflowStoreOptions)"/>,
    /// which must be registered too. Call <see cref="MigrateFundingStoreAsync"/> at start-up after the workflow store's migration.
    /// </summary>
    public static IServiceCollection AddFundingStore(this IServiceCollection services, Action<FundingStoreOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = new FundingStoreOptions();
        configure?.Invoke(options);
        services.AddSingleton(options);
        services.AddSingleton<IBurstCommitProjection, FundingCommitProjection>();
        services.AddSingleton(sp => new FundingStore(
            new FundingDatabase(sp.GetRequiredService<WorkflowStoreOptions>()),
            sp.GetRequiredService<IWorkflowDatabaseWriter>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton<IFundingRegistry>(sp => sp.GetRequiredService<FundingStore>());
        services.AddSingleton(sp => new RetentionSweep(
            new FundingDatabase(sp.GetRequiredService<WorkflowStoreOptions>()),
            options,
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new AttachmentStore(
            new FundingDatabase(sp.GetRequiredService<WorkflowStoreOptions>()),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new DocumentStore(
            new FundingDatabase(sp.GetRequiredService<WorkflowStoreOptions>()),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        services.AddSingleton(sp => new RegisterExport(new FundingDatabase(sp.GetRequiredService<WorkflowStoreOptions>())));
        // Needs the host's WorkflowRuntime (the server registers it); only resolved where applicants download documents.
        services.AddSingleton(sp => new ApplicantDocuments(sp.GetRequiredService<DocumentStore>(), sp.GetRequiredService<Engine.Runtime.WorkflowRuntime>()));
        services.AddSingleton<ICommitteeBallotBox>(sp => new StoredCommitteeBallotBox(
            new FundingDatabase(sp.GetRequiredService<WorkflowStoreOptions>()),
            sp.GetRequiredService<IWorkflowDatabaseWriter>(),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    /// <summary>
    /// Creates or upgrades the funding tables (idempotent) and, with <see cref="FundingStoreOptions.SeedDemoData"/>,
    /// adds the Herten demo funds for the current budget year (German calendar) and the next when they are missing.
    /// Returns the schema versions applied now.
    /// </summary>
    public static async Task<IReadOnlyList<int>> MigrateFundingStoreAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var applied = await services.CreateSchemaMigrator(Scripts).MigrateAsync(cancellationToken);
        if (services.GetRequiredService<FundingStoreOptions>().SeedDemoData)
        {
            var clock = services.GetService<TimeProvider>() ?? TimeProvider.System;
            var year = FundingTime.Day(clock.GetUtcNow()).Year;
            var store = services.GetRequiredService<FundingStore>();
            foreach (var fund in new[] { DemoFunds.ActionFund(year), DemoFunds.YouthFund(year) })
            {
                var budget = fund.Budgets[0];
                await store.AddFundIfMissingAsync(fund with { Budgets = [budget, budget with { Year = year + 1 }] }, cancellationToken);
            }
        }

        return applied;
    }
}
