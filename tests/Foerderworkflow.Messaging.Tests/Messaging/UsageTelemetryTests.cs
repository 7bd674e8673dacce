using Foerderworkflow.Server.Messaging;
using MassTransit;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Foerderworkflow.Messaging.Tests.Messaging;

/// <summary>
/// MassTransit reports usage telemetry to its vendor at start-up unless told not to; a municipal installation must not
/// phone home. Checked on the registrations (no bus is started, no network is needed).
/// </summary>
public sealed class UsageTelemetryTests
{
    [Theory]
    [InlineData("InMemory")]
    [InlineData("RabbitMq")]
    public void ServerBus_AnyTransport_HasUsageTelemetryOff(string transport)
    {
        var options = new MessagingOptions { Transport = Enum.Parse<MessagingTransport>(transport) };

        using var services = new ServiceCollection().AddLogging().AddMessaging(options).BuildServiceProvider();

        Assert.False(services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }

    [Theory]
    [InlineData("InMemory")]
    [InlineData("RabbitMQ")]
    public void WorkerBus_AnyTransport_HasUsageTelemetryOff(string transport)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Messaging:Transport"] = transport }).Build();

        using var services = new ServiceCollection().AddLogging().AddWorkerBus(configuration, _ => { }).BuildServiceProvider();

        Assert.False(services.GetRequiredService<IOptions<UsageTelemetryOptions>>().Value.Enabled);
    }
}
