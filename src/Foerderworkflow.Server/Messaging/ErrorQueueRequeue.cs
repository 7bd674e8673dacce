using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Runtime;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// The operator's way back for messages MassTransit gave up on (<c>&lt;queue&gt;_error</c>) and for parked outbox rows
/// (<see cref="MessagingOptions.ParkingQueue"/>), straight on the broker with RabbitMQ.Client. Each message is taken
/// unacknowledged, re-sent with publisher confirms, and acknowledged only after the broker confirmed the copy: a crash
/// in between leaves it in both queues, never in none, and the consumers are idempotent, so the copy does no harm.
/// At most the messages present when the call starts are moved, so a message failing again is not moved in a loop.
/// </summary>
internal sealed class ErrorQueueRequeue(MessagingOptions options, IMessagePublisher publisher)
{
    private static readonly string[] FaultHeaderPrefixes = ["MT-Fault-", "MT-Reason", "MT-Host-"];

    /// <summary>Moves up to <paramref name="max"/> messages from <c>{queue}_error</c> back to <paramref name="queue"/>; null if that error queue does not exist.</summary>
    public async Task<MoveResult?> RequeueAsync(string queue, int max, CancellationToken cancellationToken)
    {
        var source = queue + "_error";
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        if (await CountAsync(connection, source, cancellationToken) is not { } present)
        {
            return null;
        }

        var moved = 0;
        while (moved < Math.Min(max, present) && await channel.BasicGetAsync(source, autoAck: false, cancellationToken) is { } delivery)
        {
            var properties = new BasicProperties(delivery.BasicProperties);
            if (properties.Headers is { } headers)
            {
                foreach (var key in headers.Keys.Where(k => FaultHeaderPrefixes.Any(p => k.StartsWith(p, StringComparison.Ordinal))).ToList())
                {
                    headers.Remove(key);
                }
            }

            await channel.BasicPublishAsync("", queue, mandatory: true, properties, delivery.Body, cancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            moved++;
        }

        return new MoveResult(source, queue, moved, (await CountAsync(connection, source, cancellationToken)) ?? 0);
    }

    /// <summary>
    /// Takes up to <paramref name="max"/> parked outbox rows off the parking queue and hands each to the publisher
    /// again, with its original MessageId: a row whose type or payload the deployed contracts now accept is published;
    /// one still unusable is parked again (at the end of the queue).
    /// </summary>
    public async Task<MoveResult> RepublishParkedAsync(int max, CancellationToken cancellationToken)
    {
        await using var connection = await ConnectAsync(cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var present = await CountAsync(connection, options.ParkingQueue, cancellationToken) ?? 0;
        var published = 0;
        var taken = 0;
        while (taken < Math.Min(max, present) && await channel.BasicGetAsync(options.ParkingQueue, autoAck: false, cancellationToken) is { } delivery)
        {
            taken++;
            var parked = JsonNode.Parse(delivery.Body.Span)?["message"];
            if (parked?["payload"]?.GetValue<string>() is not { } payload || JsonNode.Parse(payload) is not JsonObject payloadObject)
            {
                // Not a ParkedOutboxMessage: leave it for a human.
                await channel.BasicNackAsync(delivery.DeliveryTag, multiple: false, requeue: true, cancellationToken);
                continue;
            }

            var message = new OutboxMessage(
                parked["outboxMessageId"]!.GetValue<string>(),
                parked["instanceId"]!.GetValue<string>(),
                parked["correlationId"]?.GetValue<string>(),
                parked["messageType"]!.GetValue<string>(),
                payloadObject,
                DateTimeOffset.Parse(parked["createdAt"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture));
            await publisher.PublishAsync(message, cancellationToken);
            await channel.BasicAckAsync(delivery.DeliveryTag, multiple: false, cancellationToken);
            if (MassTransitMessagePublisher.IsPublishable(message))
            {
                published++;
            }
        }

        return new MoveResult(options.ParkingQueue, "(contract exchanges)", published, await CountAsync(connection, options.ParkingQueue, cancellationToken) ?? 0);
    }

    private Task<IConnection> ConnectAsync(CancellationToken cancellationToken)
    {
        var broker = options.RabbitMq;
        return new ConnectionFactory
        {
            HostName = broker.Host,
            Port = broker.Port,
            VirtualHost = broker.VirtualHost,
            UserName = broker.Username,
            Password = broker.Password,
            ClientProvidedName = "foerderworkflow-operations",
        }.CreateConnectionAsync(cancellationToken);
    }

    /// <summary>Messages ready in <paramref name="queue"/>; null if it does not exist (a passive declare closes its channel, so it gets its own).</summary>
    private static async Task<uint?> CountAsync(IConnection connection, string queue, CancellationToken cancellationToken)
    {
        await using var probe = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await probe.QueueDeclarePassiveAsync(queue, cancellationToken)).MessageCount;
        }
        catch (OperationInterruptedException ex) when (ex.ShutdownReason?.ReplyCode == 404)
        {
            return null;
        }
    }

    /// <summary>What a move did.</summary>
    public sealed record MoveResult(string From, string To, int Moved, uint Remaining);
}
