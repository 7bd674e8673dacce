using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Messaging.Tests.TestSupport;
using Foerderworkflow.Server.Messaging;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using RabbitMQ.Client;

namespace Foerderworkflow.Messaging.Tests.Messaging;

/// <summary>Outbox rows in a real SQLite store, relayed by <see cref="OutboxRelay"/> to the real RabbitMQ (a fresh virtual host per test).</summary>
public sealed class RabbitMqRelayTests : IAsyncLifetime
{
    private readonly RabbitMqTestBroker broker = new();
    private readonly string databasePath = OutboxDatabase.NewPath();
    private ServiceProvider? services;

    public Task InitializeAsync() => broker.InitializeAsync();

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.GetRequiredService<IBusControl>().StopAsync(CancellationToken.None);
            await services.DisposeAsync();
        }

        OutboxDatabase.Delete(databasePath);
        await broker.DisposeAsync();
    }

    [Fact]
    public async Task Relay_ApprovedApplication_ArrivesExactlyOnceWithTheOutboxIds()
    {
        var (store, relay, received) = await StartAsync(broker.Options());
        var correlationId = Guid.NewGuid().ToString();
        var approved = (await OutboxDatabase.CommitAsync(store, correlationId, Samples.Approved("A-1")))[0];
        await OutboxDatabase.CommitAsync(store, "sentinel", Samples.Submitted("sentinel"));

        Assert.Equal(2, await relay.DeliverPendingAsync(CancellationToken.None));
        await received.WaitForAsync(m => m is ApplicationSubmitted { ApplicationId: "sentinel" });

        var arrived = Assert.Single(received.All, r => r.Message is ApplicationApproved);
        Assert.Equal(Guid.Parse(approved.Id), arrived.MessageId);
        Assert.Equal(Guid.Parse(correlationId), arrived.CorrelationId);
        Assert.Equal(Samples.Approved("A-1").ApprovedAmount, ((ApplicationApproved)arrived.Message).ApprovedAmount);
        Assert.Empty(await store.FetchPendingMessagesAsync(10));
        Assert.Equal(0, relay.Backlog);
    }

    [Fact]
    public async Task Relay_InterleavedApplications_KeepsTheOrderOfEachApplication()
    {
        var (store, relay, received) = await StartAsync(broker.Options());
        var expected = new Dictionary<string, List<string>> { ["A"] = [], ["B"] = [] };
        foreach (var step in Enumerable.Range(1, 10))
        {
            foreach (var application in new[] { "A", "B" })
            {
                object contract = step switch { 1 => Samples.Submitted(application), 2 => Samples.Approved(application), _ => Samples.PayoutOrdered(application, step) };
                var message = (await OutboxDatabase.CommitAsync(store, application, contract))[0];
                expected[application].Add(message.Id);
            }
        }

        Assert.Equal(20, await relay.DeliverPendingAsync(CancellationToken.None));
        await received.WaitForAsync(m => m is PayoutOrdered { ApplicationId: "A", PayoutId: "P-A-10" });
        await received.WaitForAsync(m => m is PayoutOrdered { ApplicationId: "B", PayoutId: "P-B-10" });

        foreach (var application in new[] { "A", "B" })
        {
            var ids = received.All.Where(r => ApplicationOf(r.Message) == application).Select(r => r.MessageId).ToList();
            Assert.Equal(expected[application].Select(Guid.Parse).Cast<Guid?>(), ids);
        }

        Assert.Empty(await store.FetchPendingMessagesAsync(10));
    }

    [Fact]
    public async Task Relay_BrokerUnreachable_KeepsTheRowsUnsentAndRetries()
    {
        var options = broker.Options();
        options.RabbitMq.Port = ClosedPort();
        options.PublishTimeout = TimeSpan.FromSeconds(1);
        var attempts = new CountingPublisher(attemptsToSignal: 2);
        var (store, relay, _) = await StartAsync(options, startBus: false, decorate: inner => attempts.Wrap(inner));
        await OutboxDatabase.CommitAsync(store, "A-3", Samples.Approved("A-3"), Samples.PayoutOrdered("A-3", 1));

        using var stop = new CancellationTokenSource();
        var running = relay.RunAsync(stop.Token);
        relay.OnMessagesCommitted();
        await attempts.Signal.WaitAsync(ReceivedMessages.Patience);
        await stop.CancelAsync();
        await running.ContinueWith(static _ => { }, TaskScheduler.Default);

        Assert.All(attempts.Failures, f => Assert.Equal(nameof(ApplicationApproved), f.MessageType));
        Assert.True(attempts.Failures.Count >= 2);
        Assert.Equal([nameof(ApplicationApproved), nameof(PayoutOrdered)], (await store.FetchPendingMessagesAsync(10)).Select(p => p.Message.MessageType));
        Assert.Equal(2, relay.Backlog);
    }

    [Fact]
    public async Task Relay_UnknownMessageType_IsParkedAndTheMessagesBehindItStillArrive()
    {
        var (store, relay, received) = await StartAsync(broker.Options());
        var instance = $"instance-{Guid.NewGuid():N}";
        var unknown = OutboxDatabase.Message(instance, "A-4", "AntragVerschollen", new JsonObject { ["text"] = "Grüße" });
        await store.CommitAsync(new BurstCommit(
            new WorkflowInstance { Id = instance, DefinitionId = "d", DefinitionVersionId = "d-v1", DefinitionVersion = 1, CorrelationId = "A-4", CreatedAt = OutboxDatabase.T0, UpdatedAt = OutboxDatabase.T0 },
            true, null, [], [], [], [], false, [unknown], []));
        await OutboxDatabase.CommitAsync(store, "A-4", Samples.Approved("A-4"));

        Assert.Equal(2, await relay.DeliverPendingAsync(CancellationToken.None));
        await received.WaitForAsync(m => m is ApplicationApproved { ApplicationId: "A-4" });

        await using var connection = await PlainConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var parked = await channel.BasicGetAsync("foerderworkflow-outbox-parked", autoAck: true);
        Assert.NotNull(parked);
        var envelope = JsonNode.Parse(Encoding.UTF8.GetString(parked.Body.Span))!;
        Assert.Equal(Guid.Parse(unknown.Id).ToString(), envelope["messageId"]!.GetValue<string>());
        Assert.Equal("AntragVerschollen", envelope["message"]!["messageType"]!.GetValue<string>());
    }

    [Fact]
    public async Task PlainRabbitMqClient_QueueBoundToTheDocumentedExchange_ReceivesTheEnvelope()
    {
        var (store, relay, _) = await StartAsync(broker.Options());
        await using var connection = await PlainConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        // As docs/messages.md tells a finance system: its own durable queue, bound to the contract's fanout exchange.
        await channel.ExchangeDeclareAsync("foerderworkflow:ApplicationApproved", ExchangeType.Fanout, durable: true);
        await channel.QueueDeclareAsync("finanzsystem-bewilligungen", durable: true, exclusive: false, autoDelete: false);
        await channel.QueueBindAsync("finanzsystem-bewilligungen", "foerderworkflow:ApplicationApproved", routingKey: "");
        var approved = (await OutboxDatabase.CommitAsync(store, "KF-2026-0042", Samples.Approved("A-5", 1_234.56m)))[0];

        Assert.Equal(1, await relay.DeliverPendingAsync(CancellationToken.None));

        var delivery = await channel.BasicGetAsync("finanzsystem-bewilligungen", autoAck: false);
        Assert.NotNull(delivery);
        Assert.Equal("application/vnd.masstransit+json", delivery.BasicProperties.ContentType);
        Assert.Equal(Guid.Parse(approved.Id).ToString(), delivery.BasicProperties.MessageId);
        var envelope = JsonNode.Parse(Encoding.UTF8.GetString(delivery.Body.Span))!;
        Assert.Equal("urn:message:foerderworkflow:ApplicationApproved", envelope["messageType"]![0]!.GetValue<string>());
        Assert.Equal(MessageIdentity.ToGuid("KF-2026-0042").ToString(), envelope["correlationId"]!.GetValue<string>());
        // MassTransit's serializer writes decimals as JSON strings, so no precision is lost on the way.
        Assert.Equal("1234.56", envelope["message"]!["approvedAmount"]!["amount"]!.GetValue<string>());
        Assert.Equal("EUR", envelope["message"]!["approvedAmount"]!["currency"]!.GetValue<string>());
        Assert.Equal("A-5", envelope["message"]!["applicationId"]!.GetValue<string>());
        await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false);
    }

    private async Task<(IWorkflowStore Store, OutboxRelay Relay, ReceivedMessages Received)> StartAsync(
        MessagingOptions options, bool startBus = true, Func<IMessagePublisher, IMessagePublisher>? decorate = null)
    {
        var collection = new ServiceCollection()
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddSingleton<ReceivedMessages>()
            .AddTestWorkflowStore(databasePath)
            .AddMessaging(options, bus => bus.AddConsumer<RecordingConsumer>().Endpoint(e =>
            {
                e.Name = "recording";
                e.PrefetchCount = 1;
                e.ConcurrentMessageLimit = 1;
            }));
        collection.AddSingleton(sp =>
        {
            var publisher = sp.GetRequiredService<IMessagePublisher>();
            return new OutboxRelay(sp.GetRequiredService<IWorkflowStore>(), decorate?.Invoke(publisher) ?? publisher, TimeProvider.System);
        });
        services = collection.BuildServiceProvider();
        await services.MigrateWorkflowStoreAsync();
        if (startBus)
        {
            using var timeout = new CancellationTokenSource(ReceivedMessages.Patience);
            await services.GetRequiredService<IBusControl>().StartAsync(timeout.Token);
        }
        else
        {
            foreach (var hosted in services.GetServices<IHostedService>())
            {
                await hosted.StartAsync(CancellationToken.None);
            }
        }

        return (services.GetRequiredService<IWorkflowStore>(), services.GetRequiredService<OutboxRelay>(), services.GetRequiredService<ReceivedMessages>());
    }

    private Task<IConnection> PlainConnectionAsync() =>
        new ConnectionFactory { HostName = broker.Amqp.Host, Port = broker.Amqp.Port, UserName = broker.Username, Password = broker.Password, VirtualHost = broker.VirtualHost }.CreateConnectionAsync();

    private static string? ApplicationOf(object message) => message switch
    {
        ApplicationSubmitted m => m.ApplicationId,
        ApplicationApproved m => m.ApplicationId,
        PayoutOrdered m => m.ApplicationId,
        _ => null,
    };

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private sealed class CountingPublisher(int attemptsToSignal)
    {
        private readonly TaskCompletionSource signal = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly List<OutboxMessage> failures = [];

        public Task Signal => signal.Task;

        public IReadOnlyList<OutboxMessage> Failures
        {
            get
            {
                lock (failures)
                {
                    return [.. failures];
                }
            }
        }

        public IMessagePublisher Wrap(IMessagePublisher inner) => new Wrapper(inner, this);

        private void Failed(OutboxMessage message)
        {
            lock (failures)
            {
                failures.Add(message);
                if (failures.Count >= attemptsToSignal)
                {
                    signal.TrySetResult();
                }
            }
        }

        private sealed class Wrapper(IMessagePublisher inner, CountingPublisher owner) : IMessagePublisher
        {
            public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
            {
                try
                {
                    await inner.PublishAsync(message, cancellationToken);
                }
                catch (Exception)
                {
                    owner.Failed(message);
                    throw;
                }
            }
        }
    }
}
