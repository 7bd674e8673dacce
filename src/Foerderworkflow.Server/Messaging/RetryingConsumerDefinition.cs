using MassTransit;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// Consumer definition for workers: exponential retry (<c>Messaging:Retry</c>) inside the process; a message that
/// still fails goes to the endpoint's <c>_error</c> queue, from where an operator can move it back.
/// </summary>
public class RetryingConsumerDefinition<TConsumer> : ConsumerDefinition<TConsumer>
    where TConsumer : class, IConsumer
{
    private readonly ConsumerRetryOptions retry;

    public RetryingConsumerDefinition(ConsumerRetryOptions retry) => this.retry = retry;

    protected override void ConfigureConsumer(IReceiveEndpointConfigurator endpointConfigurator, IConsumerConfigurator<TConsumer> consumerConfigurator, IRegistrationContext context)
    {
        ArgumentNullException.ThrowIfNull(consumerConfigurator);
        // On the consumer, not the endpoint: in the server's mediator (embedded default) all consumers share one endpoint.
        consumerConfigurator.UseMessageRetry(r => r.Exponential(retry.Limit, retry.MinInterval, retry.MaxInterval, retry.IntervalDelta));
    }
}
