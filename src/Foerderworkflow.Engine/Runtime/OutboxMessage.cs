using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Runtime;

/// <summary>
/// A message an activity wants sent. It is stored with the burst and delivered by the relay after the commit;
/// <see cref="Id"/> is the message id consumers de-duplicate on.
/// </summary>
public sealed record OutboxMessage(string Id, string InstanceId, string? CorrelationId, string MessageType, JsonObject Payload, DateTimeOffset CreatedAt);
