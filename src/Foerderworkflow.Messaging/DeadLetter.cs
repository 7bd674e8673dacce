namespace Foerderworkflow.Messaging;

/// <summary>
/// A message whose consumer gave up after its retries, kept durably until an operator moves it back
/// (<see cref="IDeadLetterStore"/>): the embedded transport's counterpart of a RabbitMQ <c>_error</c> queue.
/// </summary>
/// <param name="MessageId">The outbox message id; one dead letter per message.</param>
/// <param name="Queue">The queue of the consumer that failed (as it is named on RabbitMQ, e.g. <c>send-email</c>).</param>
/// <param name="MessageType">The contract name the outbox row carries.</param>
/// <param name="Payload">The message as JSON, as committed.</param>
/// <param name="InstanceId">The workflow instance that sent it.</param>
/// <param name="CorrelationId">The instance's correlation id (the application), if any.</param>
/// <param name="CreatedAt">When the message was committed.</param>
/// <param name="FailedAt">When it failed last.</param>
/// <param name="Failures">How often it was given up on (1, then once more per unsuccessful move back).</param>
/// <param name="Reason">Why it failed last, for the operator.</param>
public sealed record DeadLetter(
    string MessageId,
    string Queue,
    string MessageType,
    string Payload,
    string InstanceId,
    string? CorrelationId,
    DateTimeOffset CreatedAt,
    DateTimeOffset FailedAt,
    int Failures,
    string Reason);
