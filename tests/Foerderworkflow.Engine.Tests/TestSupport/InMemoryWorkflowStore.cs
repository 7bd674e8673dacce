using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>
/// A unit-test aid that honours the <see cref="IWorkflowStore"/> contract exactly: one lock makes every method atomic,
/// a commit is checked completely before anything is written, and everything is copied on the way in and out so
/// neither the engine nor a test can change stored state behind the store's back.
/// </summary>
public sealed class InMemoryWorkflowStore : IWorkflowStore
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, JsonObject> definitions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowInstance> instances = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Bookmark> bookmarks = new(StringComparer.Ordinal);
    private readonly Dictionary<string, WorkflowTimer> timers = new(StringComparer.Ordinal);
    private readonly List<JournalEntry> journal = [];
    private readonly List<Incident> incidents = [];
    private readonly List<StoredMessage> outbox = [];
    private long nextSequence;

    /// <summary>
    /// Runs before a commit is checked, once (the hook is cleared first): lets a test slip another burst in between
    /// a burst's load and its commit, as a concurrent request would.
    /// </summary>
    public Func<Task>? BeforeNextCommit { get; set; }

    /// <summary>While set, every timer query throws it, as a store whose database is unreachable would.</summary>
    public Exception? TimersUnavailable { get; set; }

    /// <summary>How many bursts were committed; a refused commit does not count.</summary>
    public int CommitCount { get; private set; }

    /// <summary>Every outbox message ever committed, in commit order.</summary>
    public IReadOnlyList<OutboxMessage> Messages => Read(() => outbox.Select(m => Copy(m.Message)).ToList());

    /// <summary>Every stored timer, earliest first.</summary>
    public IReadOnlyList<WorkflowTimer> Timers => Read(() => timers.Values.OrderBy(t => t.DueAt).ToList());

    // Definitions

    public Task<WorkflowDefinition?> FindDefinitionAsync(string definitionId, VersionSelector selector, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(() => VersionsOf(definitionId).FirstOrDefault(d => selector == VersionSelector.Latest ? IsTrue(d, "isLatest") : IsTrue(d, "isPublished")) is { } found ? Copy(found) : null));

    public Task<WorkflowDefinition?> FindDefinitionVersionAsync(string versionId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(() => definitions.TryGetValue(versionId, out var found) ? Copy(found) : null));

    public Task<IReadOnlyList<WorkflowDefinition>> ListDefinitionVersionsAsync(string definitionId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WorkflowDefinition>>(Read(() => VersionsOf(definitionId).Select(Copy).ToList()));

    public Task<IReadOnlyList<WorkflowDefinition>> ListLatestDefinitionsAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WorkflowDefinition>>(Read(() => definitions.Values.Where(d => IsTrue(d, "isLatest")).Select(Copy).ToList()));

    public Task SaveDefinitionVersionsAsync(IReadOnlyCollection<WorkflowDefinition> versions, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(versions);
        lock (gate)
        {
            foreach (var version in versions)
            {
                var taken = definitions.Values.Any(d => DefinitionIdOf(d) == version.DefinitionId && VersionOf(d) == version.Version && IdOf(d) != version.Id);
                if (taken)
                {
                    throw new DefinitionVersionConflictException(version.DefinitionId, version.Version);
                }
            }

            foreach (var version in versions)
            {
                definitions[version.Id] = (JsonObject)version.Document.DeepClone();
            }
        }

        return Task.CompletedTask;
    }

    public Task DeleteDefinitionAsync(string definitionId, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            foreach (var id in VersionsOf(definitionId).Select(IdOf).OfType<string>().ToList())
            {
                definitions.Remove(id);
            }
        }

        return Task.CompletedTask;
    }

    // Instances

    public Task<WorkflowInstance?> FindInstanceAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(() => instances.TryGetValue(instanceId, out var found) ? found.Clone() : null));

    public Task<IReadOnlyList<WorkflowInstance>> FindInstancesAsync(IReadOnlyCollection<string> instanceIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WorkflowInstance>>(Read(() => instanceIds.Distinct().Select(id => instances.TryGetValue(id, out var found) ? found.Clone() : null).OfType<WorkflowInstance>().ToList()));

    public Task<InstanceDetails?> GetInstanceDetailsAsync(string instanceId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(() => instances.TryGetValue(instanceId, out var found)
            ? new InstanceDetails(
                found.Clone(),
                journal.Where(j => j.InstanceId == instanceId).ToList(),
                incidents.Where(i => i.InstanceId == instanceId).ToList(),
                bookmarks.Values.Where(b => b.InstanceId == instanceId).OrderBy(b => b.CreatedAt).Select(Copy).ToList())
            : null));

    public Task<PagedResult<InstanceSummary>> ListInstancesAsync(InstanceQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return Task.FromResult(Read(() =>
        {
            var matching = instances.Values
                .Where(i => (query.DefinitionId is null || i.DefinitionId == query.DefinitionId)
                    && (query.Status is null || i.Status == query.Status)
                    && (query.CorrelationId is null || i.CorrelationId == query.CorrelationId))
                .OrderByDescending(i => i.CreatedAt)
                .ToList();
            var page = matching.Skip(query.Page * query.PageSize).Take(query.PageSize)
                .Select(i => new InstanceSummary(i.Id, i.DefinitionId, i.DefinitionVersion, i.Status, i.CorrelationId, i.CreatedAt, i.UpdatedAt, i.FinishedAt))
                .ToList();
            return new PagedResult<InstanceSummary>(page, matching.Count);
        }));
    }

    public Task<IReadOnlyDictionary<string, int>> CountRunningInstancesAsync(CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyDictionary<string, int>>(Read(() => instances.Values
            .Where(i => i.Status is WorkflowStatus.Running or WorkflowStatus.Suspended)
            .GroupBy(i => i.DefinitionId)
            .ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal)));

    // Bookmarks

    public Task<Bookmark?> FindBookmarkAsync(string bookmarkId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(() => bookmarks.TryGetValue(bookmarkId, out var found) ? Copy(found) : null));

    public Task<IReadOnlyList<Bookmark>> FindBookmarksByIdAsync(IReadOnlyCollection<string> bookmarkIds, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Bookmark>>(Read(() => bookmarkIds.Distinct().Select(id => bookmarks.TryGetValue(id, out var found) ? Copy(found) : null).OfType<Bookmark>().ToList()));

    public Task<IReadOnlyList<Bookmark>> FindBookmarksAsync(string name, string hash, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Bookmark>>(Read(() => bookmarks.Values.Where(b => b.Name == name && b.Hash == hash).OrderBy(b => b.CreatedAt).Select(Copy).ToList()));

    public Task<IReadOnlyList<Bookmark>> ListBookmarksAsync(string name, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<Bookmark>>(Read(() => bookmarks.Values.Where(b => b.Name == name).OrderBy(b => b.CreatedAt).Take(max).Select(Copy).ToList()));

    public async Task CommitAsync(BurstCommit commit, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(commit);
        if (BeforeNextCommit is { } interleave)
        {
            BeforeNextCommit = null;
            await interleave();
        }

        Commit(commit);
    }

    private void Commit(BurstCommit commit)
    {
        var instance = commit.Instance;
        lock (gate)
        {
            // Check everything first: a refused commit writes nothing.
            if (commit.ConsumedBookmarkId is { } consumed && !(bookmarks.TryGetValue(consumed, out var bookmark) && bookmark.InstanceId == instance.Id))
            {
                throw new BookmarkAlreadyConsumedException(consumed);
            }

            var exists = instances.TryGetValue(instance.Id, out var stored);
            if (commit.IsNew ? exists : !exists || stored!.Version != instance.Version)
            {
                throw new ConcurrencyConflictException(instance.Id, instance.Version);
            }

            var saved = instance.Clone();
            saved.Version = instance.Version + 1;
            instances[instance.Id] = saved;

            foreach (var id in commit.RemovedBookmarkIds.Prepend(commit.ConsumedBookmarkId).OfType<string>())
            {
                bookmarks.Remove(id);
                foreach (var timer in timers.Values.Where(t => t.BookmarkId == id).ToList())
                {
                    timers.Remove(timer.Id);
                }
            }

            foreach (var added in commit.NewBookmarks)
            {
                bookmarks.Add(added.Id, Copy(added));
            }

            foreach (var timer in commit.Timers)
            {
                timers.Add(timer.Id, timer);
            }

            journal.AddRange(commit.Journal);
            if (commit.ResolveIncidents)
            {
                for (var i = 0; i < incidents.Count; i++)
                {
                    if (incidents[i].InstanceId == instance.Id && incidents[i].ResolvedAt is null)
                    {
                        incidents[i] = incidents[i] with { ResolvedAt = instance.UpdatedAt };
                    }
                }
            }

            incidents.AddRange(commit.Incidents);
            outbox.AddRange(commit.Messages.Select(m => new StoredMessage(++nextSequence, Copy(m))));
            CommitCount++;
        }
    }

    // Timers

    public Task<IReadOnlyList<WorkflowTimer>> FindDueTimersAsync(DateTimeOffset now, int max, CancellationToken cancellationToken = default) =>
        TimersUnavailable is { } down
            ? Task.FromException<IReadOnlyList<WorkflowTimer>>(down)
            : Task.FromResult<IReadOnlyList<WorkflowTimer>>(Read(() => timers.Values.Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).Take(max).ToList()));

    public Task<WorkflowTimer?> FindTimerAsync(string timerId, CancellationToken cancellationToken = default) =>
        Task.FromResult(Read(() => timers.GetValueOrDefault(timerId)));

    public Task<IReadOnlyList<WorkflowTimer>> ListTimersDueAsync(TimerPosition? after, DateTimeOffset dueBefore, int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<WorkflowTimer>>(Read(() => timers.Values
            .Where(t => t.DueAt < dueBefore)
            .Where(t => after is not { } p || t.DueAt > p.DueAt || (t.DueAt == p.DueAt && string.CompareOrdinal(t.Id, p.Id) > 0))
            .OrderBy(t => t.DueAt).ThenBy(t => t.Id, StringComparer.Ordinal)
            .Take(max)
            .ToList()));

    public Task<DateTimeOffset?> NextTimerDueAsync(CancellationToken cancellationToken = default) =>
        TimersUnavailable is { } down
            ? Task.FromException<DateTimeOffset?>(down)
            : Task.FromResult(Read(() => timers.Count == 0 ? (DateTimeOffset?)null : timers.Values.Min(t => t.DueAt)));

    // Outbox

    public Task<IReadOnlyList<PendingMessage>> FetchPendingMessagesAsync(int max, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<PendingMessage>>(Read(() => outbox.Where(m => m.SentAt is null).Take(max).Select(m => new PendingMessage(m.Sequence, Copy(m.Message))).ToList()));

    public Task MarkMessagesSentAsync(IReadOnlyCollection<long> sequences, DateTimeOffset sentAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(sequences);
        lock (gate)
        {
            for (var i = 0; i < outbox.Count; i++)
            {
                if (sequences.Contains(outbox[i].Sequence))
                {
                    outbox[i] = outbox[i] with { SentAt = sentAt };
                }
            }
        }

        return Task.CompletedTask;
    }

    public Task<bool> CanConnectAsync(CancellationToken cancellationToken = default) => Task.FromResult(true);

    private T Read<T>(Func<T> read)
    {
        lock (gate)
        {
            return read();
        }
    }

    private IEnumerable<JsonObject> VersionsOf(string definitionId) =>
        definitions.Values.Where(d => DefinitionIdOf(d) == definitionId).OrderByDescending(VersionOf);

    private static WorkflowDefinition Copy(JsonObject document) => WorkflowDefinition.FromDocument((JsonObject)document.DeepClone());

    private static Bookmark Copy(Bookmark bookmark) => bookmark with { Payload = (JsonObject)bookmark.Payload.DeepClone() };

    private static OutboxMessage Copy(OutboxMessage message) => message with { Payload = (JsonObject)message.Payload.DeepClone() };

    private static string? IdOf(JsonObject document) => (string?)document["id"];

    private static string? DefinitionIdOf(JsonObject document) => (string?)document["definitionId"];

    private static int VersionOf(JsonObject document) => (int?)document["version"] ?? 1;

    private static bool IsTrue(JsonObject document, string flag) => (bool?)document[flag] ?? false;

    private sealed record StoredMessage(long Sequence, OutboxMessage Message, DateTimeOffset? SentAt = null);
}
