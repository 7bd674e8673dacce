using Foerderworkflow.Notifications.Templates;
using MassTransit;

namespace Foerderworkflow.Notifications;

/// <summary>
/// Retry of <see cref="SendSignInLinkConsumer"/>, as for <see cref="SendEmailConsumerDefinition"/> but bounded by the
/// link's life: a retry after the link expired would only deliver a dead link, so none is tried beyond five minutes
/// in total. A command that cannot be rendered is not retried. After the last attempt the message goes to
/// <c>send-sign-in-link_error</c> (on the embedded default the applicant's request gets the error at once).
/// </summary>
internal sealed class SendSignInLinkConsumerDefinition : ConsumerDefinition<SendSignInLinkConsumer>
{
    private static readonly TimeSpan MaxInterval = TimeSpan.FromMinutes(1);

    private readonly NotificationRetryOptions retry;

    public SendSignInLinkConsumerDefinition(NotificationOptions options) => retry = options.Retry;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<SendSignInLinkConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        consumerConfigurator.UseMessageRetry(r =>
        {
            r.Ignore<EmailTemplateException>();
            r.Exponential(Math.Min(retry.Limit, 5), retry.MinInterval, retry.MaxInterval < MaxInterval ? retry.MaxInterval : MaxInterval, retry.IntervalDelta);
        });
    }
}
