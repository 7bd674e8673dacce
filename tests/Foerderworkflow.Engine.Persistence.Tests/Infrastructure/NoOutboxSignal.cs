using Foerderworkflow.Engine.Outbox;

namespace Foerderworkflow.Engine.Persistence.Tests.Infrastructure;

public sealed class NoOutboxSignal : IOutboxSignal
{
    public void OnMessagesCommitted()
    {
    }
}
