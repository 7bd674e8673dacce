using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Runtime;

/// <summary>
/// A message an activity wants sent. It is stored with the burst and delivered by the relay after the commit;
/// <see cref="Id"/> is the message id consumers de-duplicate on.
/// </summary>
public sealed record OutboxMessage(string Id, string InstanceId, string? CorrelationId, string MessageType, JsonObject Payload, DateTimeOffset CreatedAt)
{
    /// <summary>
    /// The W3C <c>traceparent</c> of the commit that stored the message (null without tracing): the outbox breaks the
    /// in-process chain of spans, so the relay restores it as the parent of the publish, and the consumers' spans join
    /// the trace of the request that caused the message.
    /// </summary>
    public string? TraceParent { get; init; }
}
