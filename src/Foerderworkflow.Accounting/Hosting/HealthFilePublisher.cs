using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Foerderworkflow.Accounting.Hosting;

/// <summary>
/// The worker serves no HTTP, so its health goes to a file: written (with the time) while every check is healthy,
/// deleted otherwise. A container health check tests that the file is fresh (docker-compose.yml).
/// </summary>
internal sealed class HealthFilePublisher(string path, TimeProvider clock) : IHealthCheckPublisher
{
    public async Task PublishAsync(HealthReport report, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Status == HealthStatus.Healthy)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
            await File.WriteAllTextAsync(path, clock.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), cancellationToken);
        }
        else
        {
            File.Delete(path);
        }
    }
}
