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

    /// <summary>The id of the highest published version of a definition (a start needs no more once it is compiled).</summary>
    public Func<WorkflowDbContext, string, CancellationToken, Task<string?>> PublishedVersionId { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext context, string definitionId, CancellationToken _) =>
            context.Definitions.Where(d => d.DefinitionId == definitionId && d.IsPublished).OrderByDescending(d => d.Version).Select(d => d.Id).FirstOrDefault());

    // An instance's details, read for every answer the API gives about a case.
    public Func<WorkflowDbContext, string, IAsyncEnumerable<JournalRow>> Journal { get; } =
        EF.CompileAsyncQuery<WorkflowDbContext, string, JournalRow>((context, instanceId) => context.Journal.Where(j => j.InstanceId == instanceId).OrderBy(j => j.Id));

    public Func<WorkflowDbContext, string, IAsyncEnumerable<IncidentRow>> Incidents { get; } =
        EF.CompileAsyncQuery<WorkflowDbContext, string, IncidentRow>((context, instanceId) => context.Incidents.Where(i => i.InstanceId == instanceId).OrderBy(i => i.At).ThenBy(i => i.Id));

    public Func<WorkflowDbContext, string, IAsyncEnumerable<BookmarkRow>> BookmarksOf { get; } =
        EF.CompileAsyncQuery<WorkflowDbContext, string, BookmarkRow>((context, instanceId) => context.Bookmarks.Where(b => b.InstanceId == instanceId).OrderBy(b => b.CreatedAt).ThenBy(b => b.Id));

    public Func<WorkflowDbContext, string, CancellationToken, Task<DefinitionRow?>> DefinitionVersion { get; } =
        EF.CompileAsyncQuery((WorkflowDbContext context, string id, CancellationToken _) => context.Definitions.FirstOrDefault(d => d.Id == id));
}
