using Foerderworkflow.Messaging;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// <c>dead-letters</c> in <c>/health/ready</c> on the embedded transport: degraded while any message waits for an
/// operator (<c>GET /api/operations/dead-letters</c>), so a mail failure is seen rather than found weeks later.
/// </summary>
internal sealed class DeadLetterHealthCheck(IDeadLetterStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var count = await store.CountAsync(cancellationToken);
        return count == 0
            ? HealthCheckResult.Healthy("Keine unzustellbaren Nachrichten.")
            : HealthCheckResult.Degraded((count == 1 ? "1 unzustellbare Nachricht wartet" : $"{count} unzustellbare Nachrichten warten") + " auf einen Administrator (GET /api/operations/dead-letters).",
                data: new Dictionary<string, object> { ["deadLetters"] = count });
    }
}
