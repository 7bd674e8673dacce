namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// An outbox message that could not become a contract (unknown type, or a payload that does not fit), sent to the
/// parking queue with everything needed to repair and re-send it by hand.
/// </summary>
[MassTransit.MessageUrn("foerderworkflow:ParkedOutboxMessage")]
public sealed record ParkedOutboxMessage
{
    public required string OutboxMessageId { get; init; }

    public required string InstanceId { get; init; }

    public string? CorrelationId { get; init; }

    public required string MessageType { get; init; }

    /// <summary>The payload exactly as the workflow wrote it, as JSON text.</summary>
    public required string Payload { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Why it could not be published.</summary>
    public required string Reason { get; init; }
}
