using System.Collections.Concurrent;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>A transport that records what it accepted and fails on demand (<see cref="FailNext"/>).</summary>
public sealed class RecordingMessagePublisher : IMessagePublisher, IDisposable
{
    private readonly ConcurrentQueue<Exception> failures = new();
    private readonly ConcurrentDictionary<string, Exception> failuresByType = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<OutboxMessage> accepted = new();
    private readonly SemaphoreSlim published = new(0);

    public IReadOnlyList<OutboxMessage> Accepted => [.. accepted];

    /// <summary>The next publish attempts throw these, one each.</summary>
    public void FailNext(params Exception[] errors)
    {
        foreach (var error in errors)
        {
            failures.Enqueue(error);
        }
    }

    /// <summary>The next attempt to publish a message of <paramref name="messageType"/> throws <paramref name="error"/>.</summary>
    public void FailOn(string messageType, Exception error) => failuresByType[messageType] = error;

    public Task PublishAsync(OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (failures.TryDequeue(out var failure) || failuresByType.TryRemove(message.MessageType, out failure))
        {
            return Task.FromException(failure);
        }

        accepted.Enqueue(message);
        published.Release();
        return Task.CompletedTask;
    }

    /// <summary>Waits until the transport has accepted <paramref name="count"/> more messages.</summary>
    public async Task WaitForAsync(int count, TimeSpan patience)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await published.WaitAsync(patience), $"The transport accepted only {i} of {count} messages.");
        }
    }

    public void Dispose() => published.Dispose();
}
