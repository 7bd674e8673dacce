using System.Collections.Concurrent;

namespace Foerderworkflow.Messaging;

/// <summary>Process-local <see cref="IProcessedMessageStore"/> for unit tests: it forgets on restart, so no host uses it in production.</summary>
public sealed class InMemoryProcessedMessageStore(TimeProvider? clock = null) : IProcessedMessageStore
{
    private readonly ConcurrentDictionary<(string Consumer, Guid MessageId), DateTimeOffset> processed = new();

    public ValueTask<bool> HasProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(processed.ContainsKey((consumer, messageId)));

    public ValueTask RecordProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        processed.TryAdd((consumer, messageId), (clock ?? TimeProvider.System).GetUtcNow());
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> ForgetProcessedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var forgotten = 0;
        foreach (var entry in processed.Where(e => e.Value < before))
        {
            forgotten += processed.TryRemove(entry.Key, out _) ? 1 : 0;
        }

        return ValueTask.FromResult(forgotten);
    }
}
