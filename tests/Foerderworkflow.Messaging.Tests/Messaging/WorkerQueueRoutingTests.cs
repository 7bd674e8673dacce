using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Messaging.Tests.TestSupport;
using Foerderworkflow.Server.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Foerderworkflow.Messaging.Tests.Messaging;

/// <summary>
/// On RabbitMQ, what our own workers consume is not confirmed into the void: before the worker's queue exists (a first
/// deployment whose workers have not started yet) the broker returns it, the publish fails and the relay tries again.
/// </summary>
public sealed class WorkerQueueRoutingTests : IAsyncLifetime
{
    private readonly RabbitMqTestBroker broker = new();
    private ServiceProvider? services;

    public async Task InitializeAsync()
    {
        await broker.InitializeAsync();
        services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddMessaging(broker.Options()).BuildServiceProvider();
        using var timeout = new CancellationTokenSource(ReceivedMessages.Patience);
        await services.GetRequiredService<IBusControl>().StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.GetRequiredService<IBusControl>().StopAsync(CancellationToken.None);
            await services.DisposeAsync();
        }

        await broker.DisposeAsync();
    }

    [Fact]
    public async Task Publish_AWorkersContractBeforeItsQueueExists_FailsUntilTheQueueIsBound()
    {
        var publisher = services!.GetRequiredService<IMessagePublisher>();
        var approval = Outbox(nameof(ApplicationApproved), Samples.Approved("A-1"));

        await Assert.ThrowsAnyAsync<Exception>(() => publisher.PublishAsync(approval, CancellationToken.None));

        await using var connection = await new ConnectionFactory { HostName = broker.Amqp.Host, Port = broker.Amqp.Port, UserName = broker.Username, Password = broker.Password, VirtualHost = broker.VirtualHost }.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        await channel.QueueDeclareAsync("accounting-stand-in", durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync("accounting-stand-in", "foerderworkflow:ApplicationApproved", routingKey: "");

        await publisher.PublishAsync(approval, CancellationToken.None);
        Assert.Equal(1u, await channel.MessageCountAsync("accounting-stand-in"));
    }

    [Fact]
    public async Task Publish_AnEventNoWorkerOfOursConsumes_GoesOutWithoutASubscriber()
    {
        var publisher = services!.GetRequiredService<IMessagePublisher>();

        await publisher.PublishAsync(Outbox(nameof(ApplicationSubmitted), Samples.Submitted("A-2")), CancellationToken.None);
    }

    private static Engine.Runtime.OutboxMessage Outbox(string type, object contract) =>
        OutboxDatabase.Message($"instance-{Guid.NewGuid():N}", "A", type, System.Text.Json.JsonSerializer.SerializeToNode(contract, contract.GetType(), MassTransitMessagePublisher.PayloadJson)!.AsObject());
}
