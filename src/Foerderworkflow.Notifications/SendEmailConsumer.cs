using Foerderworkflow.Contracts;
using MassTransit;

namespace Foerderworkflow.Notifications;

/// <summary>Renders and sends the e-mail of a <see cref="SendEmail"/>, once per MessageId. Queue <c>send-email</c>.</summary>
internal sealed class SendEmailConsumer(EmailDispatcher dispatcher) : IConsumer<SendEmail>
{
    public Task Consume(ConsumeContext<SendEmail> context) =>
        dispatcher.SendOnceAsync(
            context.MessageId ?? throw new InvalidOperationException("A SendEmail without MessageId cannot be de-duplicated."),
            context.Message,
            context.CancellationToken);
}
