using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Server.Hosting;

/// <summary>
/// Stand-in transport until the message bus is wired: records each delivered message in the log, so the outbox
/// drains and operators can see what would be sent.
/// </summary>
internal sealed class LoggingMessagePublisher(ILogger<LoggingMessagePublisher> logger) : IMessagePublisher
{
    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        logger.LogInformation("Message {MessageId} of type {MessageType} for {CorrelationId} delivered", message.Id, message.MessageType, message.CorrelationId);
        return Task.CompletedTask;
    }
}
