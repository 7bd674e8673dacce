using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Definitions;

/// <summary>
/// Versioning of definitions as Elsa Studio expects it: saving edits the latest draft (or opens a new draft after a
/// published version), publishing makes a draft the version new instances run and retracts the previous one,
/// reverting copies an old version into a new draft. Changes to one definition are serialized in this process;
/// across processes the store's unique (definition, version) key refuses a second writer.
/// </summary>
public sealed class WorkflowDefinitionService(IWorkflowStore store, FlowchartCompiler compiler, TimeProvider clock) : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> locks = new(StringComparer.Ordinal);

    /// <summary>Stores the document as the latest draft; returns the stored version.</summary>
    public Task<WorkflowDefinition> SaveDraftAsync(JsonObject document, CancellationToken cancellationToken = default) =>
        WithLockAsync(EnsureDefinitionId(document), async definitionId =>
        {
            var (saved, changed) = await DraftAsync(definitionId, document, cancellationToken);
            await store.SaveDefinitionVersionsAsync(changed, cancellationToken);
            return saved;
        });

    /// <summary>Saves the document as draft and publishes it; throws <see cref="InvalidDefinitionException"/> if it cannot run.</summary>
    public Task<WorkflowDefinition> PublishAsync(JsonObject document, CancellationToken cancellationToken = default) =>
        WithLockAsync(EnsureDefinitionId(document), async definitionId =>
        {
            var (draft, changed) = await DraftAsync(definitionId, document, cancellationToken);
            return await PublishDraftAsync(draft, changed, cancellationToken);
        });

    /// <summary>Publishes the latest version as it is stored.</summary>
    public Task<WorkflowDefinition> PublishLatestAsync(string definitionId, CancellationToken cancellationToken = default) =>
        WithLockAsync(definitionId, async _ =>
        {
            var latest = await store.FindDefinitionAsync(definitionId, VersionSelector.Latest, cancellationToken)
                ?? throw new DefinitionNotFoundException(definitionId);
            return latest.IsPublished ? latest : await PublishDraftAsync(latest, [], cancellationToken);
        });

    /// <summary>Takes the published version out of service: no new instances start on it; running ones go on.</summary>
    public Task<WorkflowDefinition> RetractAsync(string definitionId, CancellationToken cancellationToken = default) =>
        WithLockAsync(definitionId, async _ =>
        {
            var published = await store.FindDefinitionAsync(definitionId, VersionSelector.Published, cancellationToken)
                ?? throw new DefinitionNotFoundException(definitionId);
            var retracted = published.WithFlags(published.IsLatest, isPublished: false);
            await store.SaveDefinitionVersionsAsync([retracted], cancellationToken);
            return retracted;
        });

    /// <summary>Copies an older version into a new draft, which becomes the latest version.</summary>
    public Task<WorkflowDefinition> RevertAsync(string definitionId, int version, CancellationToken cancellationToken = default) =>
        WithLockAsync(definitionId, async _ =>
        {
            var versions = await store.ListDefinitionVersionsAsync(definitionId, cancellationToken);
            var source = versions.FirstOrDefault(v => v.Version == version) ?? throw new DefinitionNotFoundException(definitionId, version);
            var changed = new List<WorkflowDefinition>();
            var latest = versions.FirstOrDefault(v => v.IsLatest);
            if (latest is not null)
            {
                changed.Add(latest.WithFlags(isLatest: false, latest.IsPublished));
            }

            var next = versions.Max(v => v.Version) + 1;
            var draft = source.WithVersion(NewVersionId(), next, isLatest: true, isPublished: false, clock.GetUtcNow());
            changed.Add(draft);
            await store.SaveDefinitionVersionsAsync(changed, cancellationToken);
            return draft;
        });

    public void Dispose()
    {
        foreach (var gate in locks.Values)
        {
            gate.Dispose();
        }
    }

    private async Task<(WorkflowDefinition Draft, List<WorkflowDefinition> Changed)> DraftAsync(string definitionId, JsonObject document, CancellationToken cancellationToken)
    {
        var versions = await store.ListDefinitionVersionsAsync(definitionId, cancellationToken);
        var latest = versions.FirstOrDefault(v => v.IsLatest) ?? (versions.Count > 0 ? versions[0] : null);
        var incoming = WorkflowDefinition.FromDocument((JsonObject)document.DeepClone());
        var changed = new List<WorkflowDefinition>();
        WorkflowDefinition draft;
        if (latest is { IsPublished: false, PublishedAt: null })
        {
            // Editing the open draft: same version row, new content. A retracted version is not a draft: instances
            // may still run on it, so saving after a retract opens a new version like saving after a publish.
            draft = incoming.WithVersion(latest.Id, latest.Version, isLatest: true, isPublished: false, latest.CreatedAt);
        }
        else
        {
            if (latest is not null)
            {
                changed.Add(latest.WithFlags(isLatest: false, latest.IsPublished));
            }

            var next = versions.Count == 0 ? 1 : versions.Max(v => v.Version) + 1;
            draft = incoming.WithVersion(NewVersionId(), next, isLatest: true, isPublished: false, clock.GetUtcNow());
        }

        changed.Add(draft);
        return (draft, changed);
    }

    private async Task<WorkflowDefinition> PublishDraftAsync(WorkflowDefinition draft, List<WorkflowDefinition> changed, CancellationToken cancellationToken)
    {
        var errors = compiler.Validate(draft);
        if (errors.Count > 0)
        {
            throw new InvalidDefinitionException(errors);
        }

        var previous = await store.FindDefinitionAsync(draft.DefinitionId, VersionSelector.Published, cancellationToken);
        if (previous is not null && previous.Id != draft.Id)
        {
            var index = changed.FindIndex(v => v.Id == previous.Id);
            var basis = index >= 0 ? changed[index] : previous;
            var retracted = basis.WithFlags(basis.IsLatest, isPublished: false);
            if (index >= 0)
            {
                changed[index] = retracted;
            }
            else
            {
                changed.Add(retracted);
            }
        }

        var published = draft.AsPublished(clock.GetUtcNow());
        changed.RemoveAll(v => v.Id == draft.Id);
        changed.Add(published);
        await store.SaveDefinitionVersionsAsync(changed, cancellationToken);
        return published;
    }

    private async Task<T> WithLockAsync<T>(string definitionId, Func<string, Task<T>> action)
    {
        var gate = locks.GetOrAdd(definitionId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync();
        try
        {
            return await action(definitionId);
        }
        finally
        {
            gate.Release();
        }
    }

    private static string EnsureDefinitionId(JsonObject document)
    {
        if (document["definitionId"] is JsonValue value && value.TryGetValue(out string? id) && !string.IsNullOrWhiteSpace(id))
        {
            return id;
        }

        var created = Guid.NewGuid().ToString("N");
        document["definitionId"] = created;
        return created;
    }

    private static string NewVersionId() => Guid.CreateVersion7().ToString("N");
}

public sealed class DefinitionNotFoundException(string definitionId, int? version = null)
    : Exception(version is null ? $"Es gibt keinen Ablauf '{definitionId}'." : $"Der Ablauf '{definitionId}' hat keine Version {version}.")
{
    public string DefinitionId { get; } = definitionId;
}
