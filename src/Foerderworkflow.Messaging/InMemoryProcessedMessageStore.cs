using System.Collections.Concurrent;

namespace Foerderworkflow.Messaging;

/// <summary>Process-local <see cref="IProcessedMessageStore"/> for unit tests: it forgets on restart, so no host uses it in production.</summary>
public sealed class InMemoryProcessedMessageStore : IProcessedMessageStore
{
    private readonly ConcurrentDictionary<(string Consumer, Guid MessageId), byte> processed = new();

    public ValueTask<bool> HasProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(processed.ContainsKey((consumer, messageId)));

    public ValueTask RecordProcessedAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        processed.TryAdd((consumer, messageId), 0);
        return ValueTask.CompletedTask;
    }
}
