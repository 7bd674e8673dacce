namespace Foerderworkflow.Server.Messaging;

/// <summary>Which broker carries the messages (<c>Messaging:Transport</c>).</summary>
internal enum MessagingTransport
{
    /// <summary>MassTransit's in-memory transport: the embedded single-process default. Messages live only as long as the process.</summary>
    InMemory,

    /// <summary>RabbitMQ with publisher confirms: production and the integration tests.</summary>
    RabbitMq,
}
