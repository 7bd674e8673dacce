using Foerderworkflow.Testing;

namespace Foerderworkflow.Messaging.Tests.TestSupport;

/// <summary>A <see cref="PrivateRabbitMqNode"/> as a broker for the messaging fixtures.</summary>
public static class PrivateRabbitMqNodeBroker
{
    extension(PrivateRabbitMqNode node)
    {
        /// <summary>The node's default virtual host <c>/</c>, guest from loopback: nothing to make or remove.</summary>
        public RabbitMqTestBroker Broker => RabbitMqTestBroker.Existing(node.Amqp, "/", "guest", "guest");
    }
}
