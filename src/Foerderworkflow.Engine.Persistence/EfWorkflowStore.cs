using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Persistence.Commits;
using Foerderworkflow.Engine.Persistence.Dialects;
using Foerderworkflow.Engine.Persistence.Model;
using Foerderworkflow.Engine.Persistence.Projections;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.EntityFrameworkCore;

namespace Foerderworkflow.Engine.Persistence;

/// <summary>
/// <see cref="IWorkflowStore"/> on EF Core, for SQLite and PostgreSQL. Queries are EF LINQ on a pooled context per
/// call; <see cref="CommitAsync"/> goes through the provider's <see cref="IBurstCommitter"/>.
/// </summary>
internal sealed class EfWorkflowStore(IDbContextFactory<WorkflowDbContext> contexts, StoreDialect dialect, CommitProjections projections) : IWorkflowStore, IDisposable
{
    private readonly IBurstCommitter committer = dialect.CreateCommitter(contexts, projections);
    private const string MarkSent = "UPDATE workflow_outbox SET sent_at = @sent_at WHERE sequence = @sequence AND sent_at IS NULL";

    private readonly HotQueries queries = new();

    private int disposed;

    internal IBurstCommitter Committer => committer;

    // Registered under two service types (the store and the writer's source), so the container may dispose it twice.
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 0)
        {
            committer.Dispose();
        }
    }

    // Definitions

    public async Task<WorkflowDefinition?> FindDefinitionAsync(string definitionId, VersionSelector selector, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = context.Definitions.Where(d => d.DefinitionId == definitionId);
        versions = selector switch
        {
            VersionSelector.Latest => versions.Where(d => d.IsLatest),
            VersionSelector.Published => versions.Where(d => d.IsPublished),
            _ => throw new ArgumentOutOfRangeException(nameof(selector), selector, "Unknown version selector."),
        };
        var row = await versions.OrderByDescending(d => d.Version).FirstOrDefaultAsync(cancellationToken);
        return row?.ToDefinition();
    }

    public async Task<string?> FindDefinitionVersionIdAsync(string definitionId, VersionSelector selector, CancellationToken cancellationToken = default)
    {
        if (selector != VersionSelector.Published)
        {
            return (await FindDefinitionAsync(definitionId, selector, cancellationToken))?.Id;
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await queries.PublishedVersionId(context, definitionId, cancellationToken);
    }

    public async Task<WorkflowDefinition?> FindDefinitionVersionAsync(string versionId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await queries.DefinitionVersion(context, versionId, cancellationToken);
        return row?.ToDefinition();
    }

    public async Task<IReadOnlyList<WorkflowDefinition>> ListDefinitionVersionsAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Definitions.Where(d => d.DefinitionId == definitionId).OrderByDescending(d => d.Version).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToDefinition())];
    }

    public async Task<IReadOnlyList<WorkflowDefinition>> ListLatestDefinitionsAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Definitions.Where(d => d.IsLatest).OrderBy(d => d.Name).ThenBy(d => d.DefinitionId).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToDefinition())];
    }

    public async Task SaveDefinitionVersionsAsync(IReadOnlyCollection<WorkflowDefinition> versions, CancellationToken cancellationToken = default)
    {
        if (versions.Count == 0)
        {
            return;
        }

        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        context.ChangeTracker.QueryTrackingBehavior = QueryTrackingBehavior.TrackAll;
        await context.Database.OpenConnectionAsync(cancellationToken);
        await using var transaction = await dialect.BeginWriteAsync(context.Database.GetDbConnection(), cancellationToken);
        await context.Database.UseTransactionAsync(transaction, cancellationToken);
        var ids = versions.Select(v => v.Id).ToList();
        var existing = await context.Definitions.Where(d => ids.Contains(d.Id)).ToDictionaryAsync(d => d.Id, StringComparer.Ordinal, cancellationToken);
        WorkflowDefinition? firstNew = null;
        foreach (var version in versions)
        {
            if (existing.TryGetValue(version.Id, out var row))
            {
                version.CopyTo(row);
            }
            else
            {
                firstNew ??= version;
                context.Definitions.Add(version.ToRow());
            }
        }

        try
        {
            await context.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        catch (DbUpdateException ex) when (firstNew is not null && dialect.IsUniqueViolation(ex))
        {
            throw new DefinitionVersionConflictException(firstNew.DefinitionId, firstNew.Version);
        }
    }

    public async Task DeleteDefinitionAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await context.Definitions.Where(d => d.DefinitionId == definitionId).ExecuteDeleteAsync(cancellationToken);
    }

    // Instances

    public async Task<WorkflowInstance?> FindInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await queries.Instance(context, instanceId, cancellationToken);
        return row?.ToInstance();
    }

    public async Task<IReadOnlyList<WorkflowInstance>> FindInstancesAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instanceIds);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Instances.AsNoTracking().Where(i => instanceIds.Contains(i.Id)).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToInstance())];
    }

    public async Task<InstanceDetails?> GetInstanceDetailsAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        // Compiled queries: every answer about a case reads these four, and building the LINQ queries each time cost
        // more CPU than running them.
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await queries.Instance(context, instanceId, cancellationToken);
        if (row is null)
        {
            return null;
        }

        var journal = new List<JournalEntry>();
        await foreach (var entry in queries.Journal(context, instanceId).WithCancellation(cancellationToken))
        {
            journal.Add(entry.ToEntry());
        }

        var incidents = new List<Incident>();
        await foreach (var incident in queries.Incidents(context, instanceId).WithCancellation(cancellationToken))
        {
            incidents.Add(incident.ToIncident());
        }

        var bookmarks = new List<Bookmark>();
        await foreach (var bookmark in queries.BookmarksOf(context, instanceId).WithCancellation(cancellationToken))
        {
            bookmarks.Add(bookmark.ToBookmark());
        }

        return new InstanceDetails(row.ToInstance(), journal, incidents, bookmarks);
    }

    public async Task<PagedResult<InstanceSummary>> ListInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegative(query.Page);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.PageSize);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var instances = context.Instances.AsQueryable();
        if (query.DefinitionId is { } definitionId)
        {
            instances = instances.Where(i => i.DefinitionId == definitionId);
        }

        if (query.Status is { } status)
        {
            instances = instances.Where(i => i.Status == status);
        }

        if (query.CorrelationId is { } correlationId)
        {
            instances = instances.Where(i => i.CorrelationId == correlationId);
        }

        var total = await instances.LongCountAsync(cancellationToken);
        var items = await instances
            .OrderByDescending(i => i.CreatedAt)
            .ThenByDescending(i => i.Id)
            .Skip(query.Page * query.PageSize)
            .Take(query.PageSize)
            .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationId, i.CreatedAt, i.UpdatedAt, i.FinishedAt))
            .ToListAsync(cancellationToken);
        return new PagedResult<InstanceSummary>(items, total);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountRunningInstancesAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var counts = await context.Instances
            .Where(i => i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Suspended)
            .GroupBy(i => i.DefinitionId)
            .Select(g => new { DefinitionId = g.Key, Count = g.Count() })
            .ToListAsync(cancellationToken);
        return counts.ToDictionary(c => c.DefinitionId, c => c.Count, StringComparer.Ordinal);
    }

    // Bookmarks

    public async Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await queries.Bookmark(context, bookmarkId, cancellationToken);
        return row?.ToBookmark();
    }

    public async Task<IReadOnlyList<Bookmark>> FindBookmarksByIdAsync(IReadOnlyCollection<string> bookmarkIds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bookmarkIds);
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Bookmarks.AsNoTracking().Where(b => bookmarkIds.Contains(b.Id)).ToListAsync(cancellationToken);
        return [.. rows.Select(r => r.ToBookmark())];
    }

    public async Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(string name, string hash, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Bookmarks.Where(b => b.Name == name && b.Hash == hash).OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).ToListAsync(cancellationToken);
        return [.. rows.Select(b => b.ToBookmark())];
    }

    public async Task<IReadOnlyList<Bookmark>> ListBookmarksAsync(string name, int max, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Bookmarks.Where(b => b.Name == name).OrderBy(b => b.CreatedAt).ThenBy(b => b.Id).Take(max).ToListAsync(cancellationToken);
        return [.. rows.Select(b => b.ToBookmark())];
    }

    // The burst

    public async Task CommitAsync(BurstCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        var newVersion = await committer.CommitAsync(commit, cancellationToken);

        // Only a committed burst moves the caller's copy on.
        commit.Instance.Version = newVersion;
    }

    // Timers

    public async Task<IReadOnlyList<WorkflowTimer>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default)
    {
        var utcNow = now.ToUniversalTime();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Timers.Where(t => t.DueAt <= utcNow).OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(max).ToListAsync(cancellationToken);
        return [.. rows.Select(t => t.ToTimer())];
    }

    public async Task<WorkflowTimer?> FindTimerAsync(string timerId, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await context.Timers.FirstOrDefaultAsync(t => t.Id == timerId, cancellationToken);
        return row?.ToTimer();
    }

    public async Task<IReadOnlyList<WorkflowTimer>> ListTimersDueAsync(TimerPosition? after, DateTimeOffset dueBefore, int max, CancellationToken cancellationToken = default)
    {
        var before = dueBefore.ToUniversalTime();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var query = context.Timers.AsNoTracking().Where(t => t.DueAt < before);
        if (after is { } position)
        {
            var dueAt = position.DueAt.ToUniversalTime();
            var id = position.Id;
            query = query.Where(t => t.DueAt > dueAt || (t.DueAt == dueAt && t.Id.CompareTo(id) > 0));
        }

        var rows = await query.OrderBy(t => t.DueAt).ThenBy(t => t.Id).Take(max).ToListAsync(cancellationToken);
        return [.. rows.Select(t => t.ToTimer())];
    }

    public async Task<DateTimeOffset?> NextTimerDueAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var next = await context.Timers.OrderBy(t => t.DueAt).Select(t => new { t.DueAt }).FirstOrDefaultAsync(cancellationToken);
        return next?.DueAt;
    }

    // Outbox

    public async Task<IReadOnlyList<PendingMessage>> FetchPendingMessagesAsync(int max, CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await context.Outbox.Where(o => o.SentAt == null).OrderBy(o => o.Sequence).Take(max).ToListAsync(cancellationToken);
        return [.. rows.Select(o => o.ToPending())];
    }

    public async Task MarkMessagesSentAsync(IReadOnlyCollection<long> sequences, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        if (sequences.Count == 0)
        {
            return;
        }

        var at = sentAt.ToUniversalTime();
        if (dialect is SqliteDialect)
        {
            // Through the one write connection, in the next group commit: an UPDATE of its own would wait for the
            // committer's write lock in SQLite's sleeping busy handler while bursts keep coming.
            var time = dialect.TimeValue(at);
            var marks = sequences.Select(s => new SqlStatement(MarkSent, [new("@sent_at", time), new("@sequence", s)])).ToList();
            await committer.WriteAsync(marks, returnsValue: false, cancellationToken);
            return;
        }

        var list = sequences.ToList();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await context.Outbox
            .Where(o => list.Contains(o.Sequence) && o.SentAt == null)
            .ExecuteUpdateAsync(s => s.SetProperty(o => o.SentAt, at), cancellationToken);
    }

    // Health

    public async Task<bool> CanConnectAsync(CancellationToken cancellationToken = default)
    {
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        return await context.Database.CanConnectAsync(cancellationToken);
    }
}
