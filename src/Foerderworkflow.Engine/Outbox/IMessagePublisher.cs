using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Engine.Outbox;

/// <summary>
/// Hands a committed message to the transport. Returns only once the transport has accepted it (for RabbitMQ: the
/// publisher confirm); a message may be handed over twice after a crash, so consumers de-duplicate on its id.
/// </summary>
public interface IMessagePublisher
{
    Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken);
}
