namespace Foerderworkflow.Messaging;

/// <summary>The part of the <c>Messaging</c> section a standalone worker reads (same keys as the server's).</summary>
internal sealed class WorkerBusOptions
{
    /// <summary><c>RabbitMQ</c> in production; <c>InMemory</c> only makes sense for trying the host out.</summary>
    public string Transport { get; set; } = "RabbitMQ";

    public BrokerOptions RabbitMq { get; set; } = new();

    public string EndpointPrefix { get; set; } = "";

    internal sealed class BrokerOptions
    {
        public string Host { get; set; } = "localhost";

        public int Port { get; set; } = 5672;

        public string VirtualHost { get; set; } = "/";

        public string Username { get; set; } = "guest";

        public string Password { get; set; } = "guest";
    }
}
