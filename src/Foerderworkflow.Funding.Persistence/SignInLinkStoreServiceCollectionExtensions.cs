using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Persistence.Schema;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Funding.Persistence;

public static class SignInLinkStoreServiceCollectionExtensions
{
    /// <summary>
    /// The sign-in links' scripts (<c>SignInLinkSchema/Sqlite</c>, <c>SignInLinkSchema/PostgreSql</c>), listed in
    /// <c>sign_in_link_schema_versions</c>: a set of their own, so they never compete with the funding scripts' numbers.
    /// </summary>
    public static SchemaScriptSet Scripts { get; } = new("sign_in_link_schema_versions", typeof(SignInLinkStore).Assembly, "Foerderworkflow.Funding.Persistence.SignInLinkSchema");

    /// <summary>Registers <see cref="SignInLinkStore"/> on the workflow database (<see cref="WorkflowStoreOptions"/> must be registered).</summary>
    public static IServiceCollection AddSignInLinkStore(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddSingleton(sp => new SignInLinkStore(
            new FundingDatabase(sp.GetRequiredService<WorkflowStoreOptions>()),
            sp.GetService<TimeProvider>() ?? TimeProvider.System));
        return services;
    }

    /// <summary>
    /// Creates or upgrades the table (idempotent) and deletes the links that expired while the server was down.
    /// Call at start-up after the workflow store's migration. Returns the schema versions applied now.
    /// </summary>
    public static async Task<IReadOnlyList<int>> MigrateSignInLinkStoreAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var applied = await services.CreateSchemaMigrator(Scripts).MigrateAsync(cancellationToken);
        await services.GetRequiredService<SignInLinkStore>().PurgeExpiredAsync(cancellationToken);
        return applied;
    }
}
