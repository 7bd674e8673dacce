namespace Foerderworkflow.Engine.Outbox;

/// <summary>Wakes whoever delivers outbox messages once a commit has stored some.</summary>
public interface IOutboxSignal
{
    void OnMessagesCommitted();
}
