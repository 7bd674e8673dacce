using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Messaging.Tests.TestSupport;
using Foerderworkflow.Messaging;
using Foerderworkflow.Server.Messaging;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Messaging.Tests.Messaging;

/// <summary>The publisher and the consumer building blocks on MassTransit's in-memory test harness.</summary>
public sealed class InMemoryPublisherTests : IAsyncLifetime
{
    private readonly ServiceProvider services;
    private readonly ITestHarness harness;
    private readonly IMessagePublisher publisher;

    public InMemoryPublisherTests()
    {
        services = new ServiceCollection()
            .AddLogging()
            .AddSingleton<ReceivedMessages>()
            .AddSingleton<CountingIdempotentConsumer.Counter>()
            .AddOutboxPublisher(new MessagingOptions { Retry = { Limit = 2, MinInterval = TimeSpan.FromMilliseconds(1), MaxInterval = TimeSpan.FromMilliseconds(5), IntervalDelta = TimeSpan.FromMilliseconds(1) } })
            .AddMassTransitTestHarness(bus =>
            {
                bus.AddConsumer<RecordingConsumer>();
                bus.AddConsumer<CountingIdempotentConsumer, RetryingConsumerDefinition<CountingIdempotentConsumer>>();
                bus.AddConsumer<FailingConsumer, RetryingConsumerDefinition<FailingConsumer>>();
            })
            .BuildServiceProvider(true);
        harness = services.GetRequiredService<ITestHarness>();
        publisher = services.GetRequiredService<IMessagePublisher>();
    }

    public Task InitializeAsync() => harness.Start();

    public async Task DisposeAsync() => await services.DisposeAsync();

    [Fact]
    public async Task PublishAsync_KnownType_PublishesTheContractWithTheOutboxIds()
    {
        var outbox = Outbox(nameof(ApplicationApproved), Samples.Approved("A-1"), correlationId: Guid.NewGuid().ToString());

        await publisher.PublishAsync(outbox, CancellationToken.None);

        Assert.True(await harness.Published.Any<ApplicationApproved>(m => m.Context.MessageId == Guid.Parse(outbox.Id)));
        var published = harness.Published.Select<ApplicationApproved>().Single();
        Assert.Equal(Guid.Parse(outbox.CorrelationId!), published.Context.CorrelationId);
        Assert.Equal(outbox.InstanceId, published.Context.Headers.Get<string>(MassTransitMessagePublisher.InstanceIdHeader));
        Assert.Equal(Samples.Approved("A-1").ApprovedAmount, published.Context.Message.ApprovedAmount);
        Assert.Equal(["Verwendungsnachweis bis 31.03.2027", "Förderhinweis auf Plakaten"], published.Context.Message.Conditions);
        Assert.True(await harness.GetConsumerHarness<RecordingConsumer>().Consumed.Any<ApplicationApproved>());
    }

    [Fact]
    public async Task PublishAsync_CorrelationIdIsAFileNumber_MapsToAStableGuidAndKeepsTheText()
    {
        var outbox = Outbox(nameof(ApplicationSubmitted), Samples.Submitted("A-2"), correlationId: "KF-2026-0042");

        await publisher.PublishAsync(outbox, CancellationToken.None);

        Assert.True(await harness.Published.Any<ApplicationSubmitted>());
        var context = harness.Published.Select<ApplicationSubmitted>().Single().Context;
        Assert.Equal(MessageIdentity.ToGuid("KF-2026-0042"), context.CorrelationId);
        Assert.Equal(MessageIdentity.ToGuid("KF-2026-0042"), MessageIdentity.ToGuid("KF-2026-0042"));
        Assert.NotEqual(MessageIdentity.ToGuid("KF-2026-0042"), MessageIdentity.ToGuid("KF-2026-0043"));
        Assert.Equal("KF-2026-0042", context.Headers.Get<string>(MassTransitMessagePublisher.CorrelationIdHeader));
    }

    [Fact]
    public async Task PublishAsync_UnknownType_ParksTheMessageInsteadOfBlockingTheOutbox()
    {
        var outbox = OutboxDatabase.Message("instance-1", "A-3", "AntragVerschollen", new JsonObject { ["text"] = "Grüße" });

        await publisher.PublishAsync(outbox, CancellationToken.None);

        Assert.True(await harness.Sent.Any<ParkedOutboxMessage>());
        var parked = harness.Sent.Select<ParkedOutboxMessage>().Single().Context;
        Assert.Equal(Guid.Parse(outbox.Id), parked.MessageId);
        Assert.Equal("AntragVerschollen", parked.Message.MessageType);
        Assert.True(JsonNode.DeepEquals(outbox.Payload, JsonNode.Parse(parked.Message.Payload)));
        Assert.Contains("no message contract", parked.Message.Reason, StringComparison.Ordinal);
        Assert.False(await harness.Published.Any<ApplicationApproved>());
    }

    [Fact]
    public async Task PublishAsync_PayloadMissesARequiredField_ParksTheMessage()
    {
        var outbox = OutboxDatabase.Message("instance-1", "A-4", nameof(ApplicationApproved), new JsonObject { ["applicationId"] = "A-4" });

        await publisher.PublishAsync(outbox, CancellationToken.None);

        Assert.True(await harness.Sent.Any<ParkedOutboxMessage>());
        Assert.Contains("does not fit ApplicationApproved", harness.Sent.Select<ParkedOutboxMessage>().Single().Context.Message.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IdempotentConsumer_SameOutboxMessageTwice_HandlesItOnce()
    {
        var outbox = Outbox(nameof(ApplicationApproved), Samples.Approved("A-5"), correlationId: "A-5");

        await publisher.PublishAsync(outbox, CancellationToken.None);
        await publisher.PublishAsync(outbox, CancellationToken.None);

        // The harness lists messages by id (it would show one); the recording consumer on the same bus sees both copies.
        var received = services.GetRequiredService<ReceivedMessages>();
        await received.WaitForAsync(m => m is ApplicationApproved { ApplicationId: "A-5" }, count: 2);
        await harness.InactivityTask;
        Assert.Equal(1, services.GetRequiredService<CountingIdempotentConsumer.Counter>().Handled);
    }

    [Fact]
    public async Task RetryingConsumerDefinition_ConsumerKeepsFailing_RetriesThenFaults()
    {
        var outbox = Outbox(nameof(PayoutOrdered), Samples.PayoutOrdered("A-6", 1), correlationId: "A-6");

        await publisher.PublishAsync(outbox, CancellationToken.None);

        Assert.True(await harness.Published.Any<Fault<PayoutOrdered>>());
        Assert.Equal(3, FailingConsumer.Attempts(Guid.Parse(outbox.Id)));
    }

    private static Engine.Runtime.OutboxMessage Outbox(string type, object contract, string correlationId) =>
        OutboxDatabase.Message($"instance-{Guid.NewGuid():N}", correlationId, type, System.Text.Json.JsonSerializer.SerializeToNode(contract, contract.GetType(), MassTransitMessagePublisher.PayloadJson)!.AsObject());

    public sealed class CountingIdempotentConsumer(IProcessedMessages processed, CountingIdempotentConsumer.Counter counter) : IdempotentConsumer<ApplicationApproved>(processed)
    {
        protected override Task ConsumeOnceAsync(ConsumeContext<ApplicationApproved> context)
        {
            Interlocked.Increment(ref counter.Handled);
            return Task.CompletedTask;
        }

        public sealed class Counter
        {
#pragma warning disable CA1051 // A field, so the consumer can increment it atomically.
            public int Handled;
#pragma warning restore CA1051
        }
    }

    public sealed class FailingConsumer : IConsumer<PayoutOrdered>
    {
        private static readonly System.Collections.Concurrent.ConcurrentDictionary<Guid, int> AttemptsById = new();

        public static int Attempts(Guid messageId) => AttemptsById.GetValueOrDefault(messageId);

        public Task Consume(ConsumeContext<PayoutOrdered> context)
        {
            AttemptsById.AddOrUpdate(context.MessageId!.Value, 1, (_, n) => n + 1);
            throw new InvalidOperationException("Finanzsystem nicht erreichbar");
        }
    }
}
