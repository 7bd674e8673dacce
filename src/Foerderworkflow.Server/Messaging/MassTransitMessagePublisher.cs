using System.Text.Json;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Runtime;
using MassTransit;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// Publishes outbox rows as contracts through MassTransit. The outbox message id becomes the MassTransit MessageId (so
/// consumers de-duplicate a re-delivery after a crash) and the instance's correlation id the CorrelationId. Publishing
/// is awaited: over RabbitMQ that means the broker confirmed it, and only then does the relay mark the row sent.
/// </summary>
/// <remarks>
/// A row no contract fits (unknown <see cref="OutboxMessage.MessageType"/>, or a payload that does not deserialize)
/// would fail the same way on every retry, and since the relay keeps commit order it would hold back every message
/// behind it, for all applications. Such a row is therefore moved aside: sent as <see cref="ParkedOutboxMessage"/> to
/// the parking queue (<see cref="MessagingOptions.ParkingQueue"/>), logged as an error, and counted as delivered.
/// Transport failures, in contrast, propagate, so the relay backs off and retries the same row.
/// <para>
/// The contracts our own workers consume (<see cref="Notifications.NotificationRegistration.ConsumedContracts"/>,
/// <see cref="Accounting.AccountingRegistration.ConsumedContracts"/>) are published <em>mandatory</em> on RabbitMQ: a
/// broker with no queue bound yet (a first deployment whose workers have not started, a worker queue deleted by hand)
/// would otherwise confirm the message and drop it. It returns it instead, the publish fails, and the relay retries
/// until the worker's queue exists. Other events may have no subscriber at all and are published as usual.
/// </para>
/// </remarks>
internal sealed class MassTransitMessagePublisher(IBus bus, MessagingOptions options, ILogger<MassTransitMessagePublisher> logger) : IMessagePublisher
{
    /// <summary>How workflows write payloads: System.Text.Json web defaults (camelCase, case-insensitive reading).</summary>
    internal static readonly JsonSerializerOptions PayloadJson = new(JsonSerializerDefaults.Web);

    private static readonly HashSet<Type> OwnWorkerContracts = [.. Notifications.NotificationRegistration.ConsumedContracts, .. Accounting.AccountingRegistration.ConsumedContracts];

    public const string InstanceIdHeader = "Foerderworkflow-InstanceId";
    public const string CorrelationIdHeader = "Foerderworkflow-CorrelationId";

    public async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(options.PublishTimeout);
        try
        {
            if (TryCreateContract(message, out var contract, out var contractType, out var reason))
            {
                var mandatory = OwnWorkerContracts.Contains(contractType);
                await bus.Publish(contract, contractType, context =>
                {
                    Stamp(context, message);
                    if (mandatory && context.TryGetPayload<RabbitMqSendContext>(out var rabbit))
                    {
                        rabbit.Mandatory = true;
                    }
                }, timeout.Token);
            }
            else
            {
                logger.LogError("Outbox message {MessageId} of type {MessageType} (instance {InstanceId}) moved to {ParkingQueue}: {Reason}", message.Id, message.MessageType, message.InstanceId, options.ParkingQueue, reason);
                var parking = await bus.GetSendEndpoint(new Uri($"queue:{options.ParkingQueue}"));
                await parking.Send(Parked(message, reason), context => Stamp(context, message), timeout.Token);
            }
        }
        catch (OperationCanceledException ex) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"The broker did not confirm outbox message {message.Id} within {options.PublishTimeout}.", ex);
        }
    }

    /// <summary>True if the row becomes a contract (and would be published, not parked).</summary>
    internal static bool IsPublishable(OutboxMessage message) => TryCreateContract(message, out _, out _, out _);

    internal static bool TryCreateContract(OutboxMessage message, out object contract, out Type contractType, out string reason)
    {
        contract = null!;
        reason = "";
        if (!MessageTypes.TryGetType(message.MessageType, out contractType!))
        {
            reason = $"'{message.MessageType}' is no message contract (see Foerderworkflow.Contracts.MessageTypes).";
            return false;
        }

        try
        {
            contract = message.Payload.Deserialize(contractType, PayloadJson)!;
        }
        catch (JsonException ex)
        {
            reason = $"The payload does not fit {contractType.Name}: {ex.Message}";
            return false;
        }

        if (contract is null)
        {
            reason = $"The payload of {contractType.Name} is null.";
            return false;
        }

        return true;
    }

    private static ParkedOutboxMessage Parked(OutboxMessage message, string reason) => new()
    {
        OutboxMessageId = message.Id,
        InstanceId = message.InstanceId,
        CorrelationId = message.CorrelationId,
        MessageType = message.MessageType,
        Payload = message.Payload.ToJsonString(),
        CreatedAt = message.CreatedAt,
        Reason = reason,
    };

    internal static void Stamp(SendContext context, OutboxMessage message)
    {
        context.MessageId = MessageIdentity.ToGuid(message.Id);
        context.Headers.Set(InstanceIdHeader, message.InstanceId);
        if (!string.IsNullOrEmpty(message.CorrelationId))
        {
            context.CorrelationId = MessageIdentity.ToGuid(message.CorrelationId);
            context.Headers.Set(CorrelationIdHeader, message.CorrelationId);
        }
    }
}
