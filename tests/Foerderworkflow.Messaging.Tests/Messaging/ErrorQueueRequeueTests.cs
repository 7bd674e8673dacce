using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Messaging.Tests.TestSupport;
using Foerderworkflow.Notifications.Tests.TestSupport;
using Foerderworkflow.Server.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using RabbitMQ.Client;

namespace Foerderworkflow.Messaging.Tests.Messaging;

/// <summary>The operator's way back (<see cref="ErrorQueueRequeue"/>, behind <c>/api/operations</c>) on the real RabbitMQ.</summary>
public sealed class ErrorQueueRequeueTests : IAsyncLifetime
{
    private readonly RabbitMqTestBroker broker = new();
    private ServiceProvider services = null!;

    public async Task InitializeAsync()
    {
        await broker.InitializeAsync();
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ReceivedMessages>()
            .AddSingleton<FinanceSystem>()
            .AddMessaging(broker.Options(), bus =>
            {
                bus.AddConsumer<FlakyConsumer, RetryingConsumerDefinition<FlakyConsumer>>().Endpoint(e => e.Name = "flaky");
                bus.AddConsumer<RecordingConsumer>().Endpoint(e => e.Name = "recording");
            })
            .BuildServiceProvider();
        using var timeout = new CancellationTokenSource(ReceivedMessages.Patience);
        await services.GetRequiredService<IBusControl>().StartAsync(timeout.Token);
    }

    public async Task DisposeAsync()
    {
        await services.GetRequiredService<IBusControl>().StopAsync(CancellationToken.None);
        await services.DisposeAsync();
        await broker.DisposeAsync();
    }

    [Fact]
    public async Task Requeue_MessageInTheErrorQueue_GoesBackAndIsConsumedWithItsMessageId()
    {
        var finance = services.GetRequiredService<FinanceSystem>();
        var outbox = OutboxDatabase.Message("instance-1", "A-7", nameof(PayoutOrdered), Payload(Samples.PayoutOrdered("A-7", 1)));
        await services.GetRequiredService<IMessagePublisher>().PublishAsync(outbox, CancellationToken.None);
        await Eventually.TrueAsync(async () => await CountAsync("flaky_error") == 1, ReceivedMessages.Patience, "the message in flaky_error after the retries");
        Assert.Equal(3, finance.Attempts);

        finance.Up = true;
        var result = await services.GetRequiredService<ErrorQueueRequeue>().RequeueAsync("flaky", 100, CancellationToken.None);

        Assert.NotNull(result);
        Assert.Equal(1, result.Moved);
        Assert.Equal(0u, result.Remaining);
        await Eventually.TrueAsync(() => finance.Consumed.Count == 1, ReceivedMessages.Patience, "the requeued message consumed");
        Assert.Equal(Guid.Parse(outbox.Id), Assert.Single(finance.Consumed));
        Assert.Equal(0u, await CountAsync("flaky_error"));
    }

    [Fact]
    public async Task Requeue_NoSuchErrorQueue_ReturnsNull()
    {
        Assert.Null(await services.GetRequiredService<ErrorQueueRequeue>().RequeueAsync("gibt-es-nicht", 10, CancellationToken.None));
    }

    [Fact]
    public async Task RepublishParked_PublishableAgain_ArrivesWithTheOriginalId_StillUnknown_StaysParked()
    {
        var publisher = services.GetRequiredService<IMessagePublisher>();
        var unknown = OutboxDatabase.Message("instance-2", "A-8", "AntragVerschollen", new JsonObject { ["text"] = "Grüße" });
        await publisher.PublishAsync(unknown, CancellationToken.None);
        // A row parked by an older deploy whose contract this one knows (here: sent to the parking queue by hand).
        var repaired = OutboxDatabase.Message("instance-3", "A-9", nameof(ApplicationApproved), Payload(Samples.Approved("A-9")));
        var parking = await services.GetRequiredService<IBus>().GetSendEndpoint(new Uri("queue:foerderworkflow-outbox-parked"));
        await parking.Send(new ParkedOutboxMessage
        {
            OutboxMessageId = repaired.Id,
            InstanceId = repaired.InstanceId,
            CorrelationId = repaired.CorrelationId,
            MessageType = repaired.MessageType,
            Payload = repaired.Payload.ToJsonString(),
            CreatedAt = repaired.CreatedAt,
            Reason = "The payload does not fit ApplicationApproved.",
        });
        await Eventually.TrueAsync(async () => await CountAsync("foerderworkflow-outbox-parked") == 2, ReceivedMessages.Patience, "two parked messages");

        var result = await services.GetRequiredService<ErrorQueueRequeue>().RepublishParkedAsync(100, CancellationToken.None);

        Assert.Equal(1, result.Moved);
        var received = services.GetRequiredService<ReceivedMessages>();
        await received.WaitForAsync(m => m is ApplicationApproved { ApplicationId: "A-9" });
        Assert.Equal(Guid.Parse(repaired.Id), Assert.Single(received.All, r => r.Message is ApplicationApproved).MessageId);
        await Eventually.TrueAsync(async () => await CountAsync("foerderworkflow-outbox-parked") == 1, ReceivedMessages.Patience, "the unknown one parked again");
    }

    private static JsonObject Payload(object contract) =>
        System.Text.Json.JsonSerializer.SerializeToNode(contract, contract.GetType(), MassTransitMessagePublisher.PayloadJson)!.AsObject();

    private async Task<uint> CountAsync(string queue)
    {
        var factory = new ConnectionFactory { HostName = broker.Amqp.Host, Port = broker.Amqp.Port, UserName = broker.Username, Password = broker.Password, VirtualHost = broker.VirtualHost };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        try
        {
            return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
        }
        catch (RabbitMQ.Client.Exceptions.OperationInterruptedException)
        {
            return 0;
        }
    }

    /// <summary>A finance system that is down until a test brings it up.</summary>
    public sealed class FinanceSystem
    {
        private int attempts;
        private volatile bool up;

        public bool Up
        {
            get => up;
            set => up = value;
        }

        public int Attempts => Volatile.Read(ref attempts);

        public System.Collections.Concurrent.ConcurrentQueue<Guid> Consumed { get; } = new();

        public void Attempt() => Interlocked.Increment(ref attempts);
    }

    public sealed class FlakyConsumer(FinanceSystem finance) : IConsumer<PayoutOrdered>
    {
        public Task Consume(ConsumeContext<PayoutOrdered> context)
        {
            finance.Attempt();
            if (!finance.Up)
            {
                throw new InvalidOperationException("Finanzsystem nicht erreichbar");
            }

            finance.Consumed.Enqueue(context.MessageId!.Value);
            return Task.CompletedTask;
        }
    }
}
