using Foerderworkflow.Contracts;

namespace Foerderworkflow.Portal;

/// <summary>
/// How the host gets a sign-in link e-mail to the notification worker: the server publishes the command on its bus
/// (the mediator on the embedded default, where the <c>.eml</c> is written before this returns; RabbitMQ otherwise).
/// Throws when the command could not be handed over.
/// </summary>
public interface ISignInLinkSender
{
    Task SendAsync(SendSignInLink command, CancellationToken cancellationToken);
}
