using System.Diagnostics;
using Foerderworkflow.Engine.Diagnostics;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.Logging;

namespace Foerderworkflow.Engine.Outbox;

/// <summary>
/// Delivers committed outbox rows in commit order and marks them sent only after the transport accepted them.
/// While the transport fails it backs off and retries the same message, so order is kept and nothing is lost.
/// </summary>
public sealed class OutboxRelay(IWorkflowStore store, IMessagePublisher publisher, TimeProvider clock, ILogger<OutboxRelay>? logger = null) : IOutboxSignal, IDisposable
{
    /// <summary>Looks at the store at least this often, for rows committed by other processes.</summary>
    public static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);
    private const int BatchSize = 100;
    private readonly WakeSignal wake = new();

    /// <summary>Messages waiting for delivery at the last look, for metrics.</summary>
    public int Backlog { get; private set; }

    public void OnMessagesCommitted() => wake.Set();

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.Zero;
        while (!cancellationToken.IsCancellationRequested)
        {
            bool drained;
            try
            {
                drained = await DeliverPendingAsync(cancellationToken) < BatchSize;
                backoff = TimeSpan.Zero;
            }
            // Only our own cancellation ends the loop: a transport timeout surfaces as TaskCanceledException too, and
            // must be retried like any other failure, or the relay would stop delivering for good.
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                logger?.LogWarning(ex, "Outbox delivery failed with {Backlog} message(s) waiting; retrying with backoff", Backlog);
                backoff = backoff == TimeSpan.Zero ? TimeSpan.FromMilliseconds(200) : TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                await Task.Delay(backoff, clock, cancellationToken);
                continue;
            }

            if (drained)
            {
                await wake.WaitAsync(PollInterval, clock, cancellationToken);
            }
        }
    }

    /// <summary>Delivers one batch; returns how many were delivered. Stops at the first failure, keeping order.</summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        var pending = await store.FetchPendingMessagesAsync(BatchSize, cancellationToken);
        Backlog = pending.Count;
        var delivered = new List<long>(pending.Count);
        try
        {
            foreach (var message in pending)
            {
                await PublishAsync(message.Message, cancellationToken);
                delivered.Add(message.Sequence);
            }
        }
        finally
        {
            if (delivered.Count > 0)
            {
                await store.MarkMessagesSentAsync(delivered, clock.GetUtcNow(), CancellationToken.None);
                Backlog -= delivered.Count;
            }
        }

        return delivered.Count;
    }

    /// <summary>
    /// Hands one row to the transport in a span whose parent is the commit that stored the row (its
    /// <see cref="OutboxMessage.TraceParent"/>), so the transport's publish span and the consumers' spans below it
    /// belong to the trace of the request, timer or event that caused the message.
    /// </summary>
    private async Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        // Producer: this is where the message leaves the process (MassTransit's mediator, used on the embedded
        // transport, has no send span of its own; on RabbitMQ MassTransit's send span follows below this one).
        using var span = EngineTelemetry.Start($"outbox publish {message.MessageType}", ActivityKind.Producer, message.TraceParent);
        EngineTelemetry.Describe(span, null, message.InstanceId, message.CorrelationId);
        span?.SetTag("messaging.message.id", message.Id);
        span?.SetTag("foerderworkflow.message_type", message.MessageType);
        try
        {
            await publisher.PublishAsync(message, cancellationToken);
        }
        catch (Exception ex)
        {
            EngineTelemetry.Fail(span, ex);
            throw;
        }

        EngineTelemetry.OutboxPublished.Add(1, new KeyValuePair<string, object?>("foerderworkflow.message_type", message.MessageType));
    }

    public void Dispose() => wake.Dispose();
}
