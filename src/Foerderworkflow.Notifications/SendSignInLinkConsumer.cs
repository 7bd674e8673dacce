using Foerderworkflow.Contracts;
using MassTransit;

namespace Foerderworkflow.Notifications;

/// <summary>Sends the sign-in link e-mail of a <see cref="SendSignInLink"/>, once per MessageId. Queue <c>send-sign-in-link</c>.</summary>
internal sealed class SendSignInLinkConsumer(EmailDispatcher dispatcher) : IConsumer<SendSignInLink>
{
    public Task Consume(ConsumeContext<SendSignInLink> context) =>
        dispatcher.SendOnceAsync(
            context.MessageId ?? throw new InvalidOperationException("A SendSignInLink without MessageId cannot be de-duplicated."),
            context.Message,
            context.CancellationToken);
}
