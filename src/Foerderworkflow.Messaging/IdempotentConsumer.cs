using MassTransit;

namespace Foerderworkflow.Messaging;

/// <summary>
/// A consumer that handles each message id once: a copy of a message it has handled (or is handling) is acknowledged
/// and skipped. Failures propagate after the claim is released, so the consumer definition's retry runs again and,
/// at the end, MassTransit moves the message to the <c>_error</c> queue.
/// </summary>
public abstract class IdempotentConsumer<TMessage>(IProcessedMessages processed) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId ?? throw new InvalidOperationException($"A {typeof(TMessage).Name} without MessageId cannot be de-duplicated.");
        var consumer = GetType().FullName ?? GetType().Name;
        if (!await processed.TryClaimAsync(consumer, messageId, context.CancellationToken))
        {
            return;
        }

        try
        {
            await ConsumeOnceAsync(context);
        }
        catch (Exception)
        {
            await processed.ReleaseAsync(consumer, messageId, CancellationToken.None);
            throw;
        }

        await processed.CompleteAsync(consumer, messageId, CancellationToken.None);
    }

    /// <summary>Handles the message; called at most once per message id unless it throws.</summary>
    protected abstract Task ConsumeOnceAsync(ConsumeContext<TMessage> context);
}
