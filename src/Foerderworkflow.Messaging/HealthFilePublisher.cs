using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Foerderworkflow.Messaging;

/// <summary>
/// Workers serve no HTTP, so their health goes to a file: written (with the time) every 10 s while every check —
/// MassTransit registers its bus's — is healthy, deleted otherwise. A container health check tests that the file is
/// fresh (docker-compose.yml: <c>find &lt;file&gt; -newermt '-30 seconds'</c>).
/// </summary>
public sealed class HealthFilePublisher(string path, TimeProvider clock) : IHealthCheckPublisher
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

public static class HealthFileRegistration
{
    /// <summary>Publishes the host's health to <paramref name="path"/>; nothing when it is empty.</summary>
    public static IServiceCollection AddHealthFile(this IServiceCollection services, string? path)
    {
        if (!string.IsNullOrWhiteSpace(path))
        {
            services.AddHealthChecks();
            services.Configure<HealthCheckPublisherOptions>(o => o.Period = TimeSpan.FromSeconds(10));
            services.AddSingleton<IHealthCheckPublisher>(sp => new HealthFilePublisher(path, sp.GetService<TimeProvider>() ?? TimeProvider.System));
        }

        return services;
    }
}
