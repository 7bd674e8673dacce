using Foerderworkflow.Engine.Persistence.Tests.Infrastructure;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Tests;

/// <summary>
/// What every <see cref="IWorkflowStore"/> must do, run once per database (see the subclasses). Tests in one class
/// share one database, so each works on its own definition and instance ids.
/// </summary>
public abstract partial class WorkflowStoreContract(StoreFixture fixture)
{
    protected StoreFixture Fixture { get; } = fixture;

    protected IWorkflowStore Store => Fixture.Store;

    protected WorkflowRuntime Runtime => Fixture.Runtime;

    protected async Task<WorkflowInstance> InsertAsync(WorkflowInstance instance, params Bookmark[] bookmarks)
    {
        await Store.CommitAsync(TestData.Commit(instance, isNew: true, bookmarks: bookmarks));
        return instance;
    }

    protected async Task<WorkflowInstance> LoadAsync(string instanceId) =>
        await Store.FindInstanceAsync(instanceId) ?? throw new InvalidOperationException($"Instance {instanceId} is missing.");
}
