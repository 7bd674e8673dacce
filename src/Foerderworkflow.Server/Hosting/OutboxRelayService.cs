using Foerderworkflow.Engine.Outbox;

namespace Foerderworkflow.Server.Hosting;

internal sealed class OutboxRelayService(OutboxRelay relay) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => relay.RunAsync(stoppingToken);
}
