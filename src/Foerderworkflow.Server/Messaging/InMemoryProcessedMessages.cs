using System.Collections.Concurrent;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// Process-local <see cref="IProcessedMessages"/> for the embedded default and tests. It forgets on restart, so it
/// guards against broker redelivery but not against the outbox re-sending after a crash: workers use a persistent one.
/// </summary>
internal sealed class InMemoryProcessedMessages : IProcessedMessages
{
    private readonly ConcurrentDictionary<(string Consumer, Guid MessageId), bool> claims = new();

    public ValueTask<bool> TryClaimAsync(string consumer, Guid messageId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(claims.TryAdd((consumer, messageId), false));

    public ValueTask CompleteAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        claims[(consumer, messageId)] = true;
        return ValueTask.CompletedTask;
    }

    public ValueTask ReleaseAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        claims.TryRemove(new KeyValuePair<(string, Guid), bool>((consumer, messageId), false));
        return ValueTask.CompletedTask;
    }
}
