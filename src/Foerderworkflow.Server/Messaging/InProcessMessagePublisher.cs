using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Messaging;
using MassTransit.Mediator;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// The embedded transport (<c>Messaging:Transport=InMemory</c>): hands each outbox row to the consumers hosted in this
/// process (the notification and accounting workers) through MassTransit's mediator and returns only once they have
/// finished, their retries included. So the relay marks a row sent only after its e-mail was written or its booking
/// committed; a process killed before that delivers the row again after its restart, and the idempotent consumers
/// skip what they had done. An in-memory queue in between would lose whatever it held at a crash.
/// </summary>
/// <remarks>
/// A row whose consumer still fails after its retries, or that no contract fits, becomes a <see cref="DeadLetter"/>
/// (durable, like a RabbitMQ <c>_error</c> queue) and no longer holds back the rows behind it; an operator moves it
/// back with <see cref="DeadLetterRequeue"/>. Only a dead-letter store that cannot write propagates, so the relay
/// backs off and delivers the same row again.
/// </remarks>
internal sealed partial class InProcessMessagePublisher(
    IMediator mediator, IDeadLetterStore deadLetters, ConsumerQueues queues, MessagingOptions options, TimeProvider clock, ILogger<InProcessMessagePublisher> logger) : IMessagePublisher
{
    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        if (await DeliverAsync(message, cancellationToken) is { } failed)
        {
            await deadLetters.AddAsync(failed, cancellationToken);
        }
    }

    /// <summary>Delivers <paramref name="message"/> to its consumers; null when they finished, else the dead letter it becomes.</summary>
    public async Task<DeadLetter?> DeliverAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (!MassTransitMessagePublisher.TryCreateContract(message, out var contract, out var contractType, out var reason))
        {
            LogDeadLetter(logger, message.Id, message.MessageType, message.InstanceId, options.ParkingQueue, reason);
            return Dead(message, options.ParkingQueue, reason);
        }

        try
        {
            await mediator.Publish(contract, contractType, MassTransit.Pipe.Execute<MassTransit.PublishContext>(context => MassTransitMessagePublisher.Stamp(context, message)), cancellationToken);
            return null;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            var queue = queues.Of(contractType);
            LogDeadLetter(logger, message.Id, message.MessageType, message.InstanceId, queue, ex.Message);
            return Dead(message, queue, $"{ex.GetType().Name}: {ex.Message}");
        }
    }

    private DeadLetter Dead(OutboxMessage message, string queue, string reason) =>
        new(message.Id, queue, message.MessageType, message.Payload.ToJsonString(), message.InstanceId, message.CorrelationId, message.CreatedAt, clock.GetUtcNow(), 1, reason);

    [LoggerMessage(EventId = 30, Level = LogLevel.Error, Message = "Outbox message {MessageId} of type {MessageType} (instance {InstanceId}) kept as a dead letter of {Queue}: {Reason}")]
    private static partial void LogDeadLetter(ILogger logger, string messageId, string messageType, string instanceId, string queue, string reason);
}
