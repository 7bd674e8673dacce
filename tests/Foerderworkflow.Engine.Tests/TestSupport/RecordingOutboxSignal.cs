using Foerderworkflow.Engine.Outbox;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>Counts how often the runtime woke the outbox relay.</summary>
public sealed class RecordingOutboxSignal : IOutboxSignal
{
    private int signals;

    public int Signals => Volatile.Read(ref signals);

    public void OnMessagesCommitted() => Interlocked.Increment(ref signals);
}
