using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Messaging;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// The operator's way back for dead letters on the embedded transport: each is delivered to its consumers again and
/// forgotten only once they finished; one that fails again stays, with the new reason and one failure more. A crash in
/// between leaves it stored, and the idempotent consumers make a second delivery harmless. At most the letters present
/// when the call starts are moved, oldest failure first.
/// </summary>
internal sealed class DeadLetterRequeue(IDeadLetterStore store, InProcessMessagePublisher publisher)
{
    public const string Source = "dead-letters";

    public async Task<ErrorQueueRequeue.MoveResult> RequeueAsync(string? queue, int max, CancellationToken cancellationToken)
    {
        var moved = 0;
        foreach (var letter in await store.ListAsync(queue, max, cancellationToken))
        {
            var message = new OutboxMessage(letter.MessageId, letter.InstanceId, letter.CorrelationId, letter.MessageType,
                JsonNode.Parse(letter.Payload) as JsonObject ?? [], letter.CreatedAt);
            if (await publisher.DeliverAsync(message, cancellationToken) is { } failedAgain)
            {
                await store.AddAsync(failedAgain, CancellationToken.None);
            }
            else
            {
                await store.RemoveAsync(letter.MessageId, CancellationToken.None);
                moved++;
            }
        }

        var remaining = queue is null ? await store.CountAsync(cancellationToken) : (await store.ListAsync(queue, int.MaxValue, cancellationToken)).Count;
        return new ErrorQueueRequeue.MoveResult(Source, queue ?? "", moved, (uint)remaining);
    }
}
