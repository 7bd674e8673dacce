using Foerderworkflow.Engine.Persistence.Dialects;
using Foerderworkflow.Engine.Persistence.Model;
using Foerderworkflow.Engine.Persistence.Projections;
using Foerderworkflow.Engine.Persistence.Schema;
using Foerderworkflow.Engine.Storage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Engine.Persistence;

public static class WorkflowStoreServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IWorkflowStore"/> (singleton; a pooled EF context per operation) and the
    /// <see cref="SchemaMigrator"/>. Every <see cref="IBurstCommitProjection"/> registered in the container (before or
    /// after this call) adds its statements to each commit. Throws <see cref="Microsoft.Extensions.Options.OptionsValidationException"/> at
    /// once for unusable options. Call <see cref="MigrateWorkflowStoreAsync"/> at start-up before using the store.
    /// </summary>
    public static IServiceCollection AddWorkflowStore(this IServiceCollection services, WorkflowStoreOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var frozen = options.Clone();
        var dialect = StoreDialect.For(frozen);

        services.AddSingleton(frozen);
        services.AddPooledDbContextFactory<WorkflowDbContext>(builder =>
        {
            dialect.Configure(builder);
            builder.UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            builder.ReplaceService<IModelCacheKeyFactory, ProviderModelCacheKeyFactory>();
        });
        services.AddSingleton(dialect);
        services.AddSingleton(sp => new EfWorkflowStore(
            sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(),
            dialect,
            new CommitProjections(sp.GetServices<IBurstCommitProjection>(), new CommitProjectionContext(frozen.Provider, dialect))));
        services.AddSingleton<IWorkflowStore>(sp => sp.GetRequiredService<EfWorkflowStore>());

        // Other components' writes outside bursts take the bursts' write path (one writer per SQLite file).
        services.AddSingleton<IWorkflowDatabaseWriter>(sp => new CommitPathWriter(sp.GetRequiredService<EfWorkflowStore>().Committer));
        services.AddSingleton(sp => new SchemaMigrator(sp.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), dialect));
        return services;
    }

    public static IServiceCollection AddWorkflowStore(this IServiceCollection services, Action<WorkflowStoreOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var options = new WorkflowStoreOptions();
        configure(options);
        return services.AddWorkflowStore(options);
    }

    /// <summary>Creates or upgrades the schema (idempotent); returns the versions applied now.</summary>
    public static Task<IReadOnlyList<int>> MigrateWorkflowStoreAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        return services.GetRequiredService<SchemaMigrator>().MigrateAsync(cancellationToken);
    }

    /// <summary>
    /// A migrator for another component's scripts in the workflow database (the store must be registered), e.g. tables
    /// a <see cref="IBurstCommitProjection"/> writes. Apply the workflow schema first.
    /// </summary>
    public static SchemaMigrator CreateSchemaMigrator(this IServiceProvider services, SchemaScriptSet scripts)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(scripts);
        return new SchemaMigrator(services.GetRequiredService<IDbContextFactory<WorkflowDbContext>>(), services.GetRequiredService<StoreDialect>(), scripts);
    }
}
