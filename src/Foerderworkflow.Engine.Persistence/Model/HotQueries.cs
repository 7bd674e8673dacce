using Microsoft.EntityFrameworkCore;

namespace Foerderworkflow.Engine.Persistence.Model;

/// <summary>
/// The reads every resume makes (bookmark, instance, definition version), compiled once so that EF skips building
/// and looking up the query on each call. A compiled query is tied to one model, and the model differs per provider,
/// so every store has its own set.
/// </summary>
internal sealed class HotQueries
{
    public Func<WorkflowDbContext, string, CancellationToken, Task<BookmarkRow?>> Bookmark { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext context, string id, CancellationToken _) => context.Bookmarks.FirstOrDefault(b => b.Id == id));

    public Func<WorkflowDbContext, string, CancellationToken, Task<InstanceRow?>> Instance { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext context, string id, CancellationToken _) => context.Instances.FirstOrDefault(i => i.Id == id));

    public Func<WorkflowDbContext, string, CancellationToken, Task<DefinitionRow?>> DefinitionVersion { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext context, string id, CancellationToken _) => context.Definitions.FirstOrDefault(d => d.Id == id));
}
