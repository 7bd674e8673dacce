namespace Foerderworkflow.Engine.Storage;

/// <summary>A commit lost a race; nothing of it was written.</summary>
public abstract class CommitRejectedException(string message) : Exception(message);

/// <summary>The bookmark was consumed by another resume (or never existed any more).</summary>
public sealed class BookmarkAlreadyConsumedException(string bookmarkId)
    : CommitRejectedException($"Bookmark '{bookmarkId}' has already been consumed.")
{
    public string BookmarkId { get; } = bookmarkId;
}

/// <summary>An instance with this id exists already: a start with a caller-chosen id (an idempotent retry) lost to the first.</summary>
public sealed class InstanceAlreadyExistsException(string instanceId)
    : CommitRejectedException($"Instance '{instanceId}' already exists.")
{
    public string InstanceId { get; } = instanceId;
}

/// <summary>Another burst committed the instance since it was loaded.</summary>
public sealed class ConcurrencyConflictException(string instanceId, long expectedVersion)
    : CommitRejectedException($"Instance '{instanceId}' changed since version {expectedVersion} was loaded.")
{
    public string InstanceId { get; } = instanceId;
}

/// <summary>A definition version with this number already exists (two concurrent saves of one definition).</summary>
public sealed class DefinitionVersionConflictException(string definitionId, int version)
    : Exception($"Definition '{definitionId}' already has a version {version}.")
{
    public string DefinitionId { get; } = definitionId;
}
