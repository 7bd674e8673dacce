using System.Collections.Concurrent;
using MassTransit;

namespace Foerderworkflow.Messaging.Tests.TestSupport;

/// <summary>What a test consumer received, in order; tests wait on it with a timeout, never with a sleep.</summary>
public sealed class ReceivedMessages
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    private readonly ConcurrentQueue<Received> received = new();
    private readonly List<(Func<IReadOnlyCollection<Received>, bool> Condition, TaskCompletionSource Signal)> waiters = [];
    private readonly Lock gate = new();

    public IReadOnlyList<Received> All => [.. received];

    public void Add<T>(ConsumeContext<T> context)
        where T : class
    {
        received.Enqueue(new Received(context.Message, context.MessageId, context.CorrelationId, context.Headers.Get<string>("Foerderworkflow-CorrelationId")));
        lock (gate)
        {
            foreach (var waiter in waiters.Where(w => w.Condition(received)).ToList())
            {
                waiter.Signal.TrySetResult();
                waiters.Remove(waiter);
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> messages matching <paramref name="predicate"/> have arrived.</summary>
    public async Task WaitForAsync(Func<object, bool> predicate, int count = 1, TimeSpan? timeout = null)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        bool Condition(IReadOnlyCollection<Received> all) => all.Count(r => predicate(r.Message)) >= count;
        lock (gate)
        {
            if (Condition(received))
            {
                return;
            }

            waiters.Add((Condition, signal));
        }

        await signal.Task.WaitAsync(timeout ?? Patience);
    }

    public sealed record Received(object Message, Guid? MessageId, Guid? CorrelationId, string? CorrelationText);
}
