using Foerderworkflow.Contracts;
using Foerderworkflow.Portal;
using MassTransit;
using MassTransit.Mediator;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// Hands a <see cref="SendSignInLink"/> to the notification worker, directly and not through the workflow outbox:
/// on the embedded transport through the mediator, so the <c>.eml</c> is written before the applicant's request
/// returns; on RabbitMQ published <em>mandatory</em> and awaited until the broker confirmed it (a broker without the
/// worker's queue returns it, and the applicant sees the error instead of waiting for an e-mail that never comes).
/// At most <see cref="MessagingOptions.PublishTimeout"/>. Nothing accepted is lost if it fails: the link expires
/// unused and the applicant asks for another.
/// </summary>
internal sealed class SignInLinkSender(IServiceProvider services, MessagingOptions options) : ISignInLinkSender
{
    public async Task SendAsync(SendSignInLink command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.PublishTimeout);
        if (options.Transport == MessagingTransport.InMemory)
        {
            await services.GetRequiredService<IMediator>().Publish(command, timeout.Token);
            return;
        }

        await services.GetRequiredService<IBus>().Publish(command, context =>
        {
            if (context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
            {
                rabbit.Mandatory = true;
            }
        }, timeout.Token);
    }
}
