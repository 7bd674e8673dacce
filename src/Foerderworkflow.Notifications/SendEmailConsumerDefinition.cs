using Foerderworkflow.Notifications.Templates;
using MassTransit;

namespace Foerderworkflow.Notifications;

/// <summary>
/// Retry of <see cref="SendEmailConsumer"/> (<c>Notifications:Retry</c>), on top of the SMTP pipeline's own: it
/// covers an SMTP server that stays away longer than the pipeline waits. A SendEmail no template can render is not
/// retried. After the last attempt MassTransit moves the message to <c>send-email_error</c>.
/// </summary>
internal sealed class SendEmailConsumerDefinition : ConsumerDefinition<SendEmailConsumer>
{
    private readonly NotificationRetryOptions retry;

    public SendEmailConsumerDefinition(NotificationOptions options) => retry = options.Retry;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<SendEmailConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        // On the consumer, not the endpoint: in the server's mediator (embedded default) all consumers share one endpoint.
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<EmailTemplateException>();
            r.Exponential(retry.Limit, retry.MinInterval, retry.MaxInterval, retry.IntervalDelta);
        });
    }
}
