namespace Foerderworkflow.Server.Messaging;

/// <summary>Where the RabbitMQ broker is (<c>Messaging:RabbitMq</c>).</summary>
internal sealed class RabbitMqOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 5672;

    public string VirtualHost { get; set; } = "/";

    public string Username { get; set; } = "guest";

    public string Password { get; set; } = "guest";
}
