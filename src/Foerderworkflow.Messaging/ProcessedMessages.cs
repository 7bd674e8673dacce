using System.Collections.Concurrent;

namespace Foerderworkflow.Messaging;

/// <summary>
/// <see cref="IProcessedMessages"/> over a durable <see cref="IProcessedMessageStore"/>: a claim is process-local (a
/// second copy arriving while the first runs in this process is refused), a completed message is recorded durably, so
/// a copy arriving later — after a restart, from the outbox re-sending after a crash — is refused too. A crash between
/// the effect and the record leaves the at-least-once residue every non-transactional effect has.
/// </summary>
public sealed class ProcessedMessages(IProcessedMessageStore store) : IProcessedMessages
{
    private readonly ConcurrentDictionary<(string Consumer, Guid MessageId), byte> inFlight = new();

    public async ValueTask<bool> TryClaimAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        if (!inFlight.TryAdd((consumer, messageId), 0))
        {
            return false;
        }

        try
        {
            if (await store.HasProcessedAsync(consumer, messageId, cancellationToken))
            {
                inFlight.TryRemove((consumer, messageId), out _);
                return false;
            }

            return true;
        }
        catch
        {
            inFlight.TryRemove((consumer, messageId), out _);
            throw;
        }
    }

    public async ValueTask CompleteAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        try
        {
            await store.RecordProcessedAsync(consumer, messageId, cancellationToken);
        }
        finally
        {
            inFlight.TryRemove((consumer, messageId), out _);
        }
    }

    public ValueTask ReleaseAsync(string consumer, Guid messageId, CancellationToken cancellationToken)
    {
        inFlight.TryRemove((consumer, messageId), out _);
        return ValueTask.CompletedTask;
    }
}
