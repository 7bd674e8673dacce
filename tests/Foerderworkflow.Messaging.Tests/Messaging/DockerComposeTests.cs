using System.Diagnostics;

namespace Foerderworkflow.Messaging.Tests.Messaging;

/// <summary>docker-compose.yml is valid for Debian's docker-compose (no Docker engine needed) and wires every service with health checks.</summary>
public sealed class DockerComposeTests
{
    private const string DockerCompose = "/usr/bin/docker-compose";

    [Fact]
    public async Task Config_IsValid_EveryServiceHasAHealthCheck_AndWaitsForHealthyDependencies()
    {
        Assert.True(File.Exists(DockerCompose), "docker-compose is missing; run 'bash ops/test-services.sh install'.");
        var file = ComposeFile();
        var (code, _, error) = await RunAsync("-f", file, "config", "-q");
        Assert.True(code == 0, error);

        var (_, services, _) = await RunAsync("-f", file, "config", "--services");
        var names = services.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(["accounting", "grafana", "jaeger", "mailpit", "notifications", "otel-collector", "postgres", "prometheus", "rabbitmq", "server"], names.Order());

        var (_, resolved, _) = await RunAsync("-f", file, "config");
        Assert.Equal(names.Length, resolved.Split("healthcheck:").Length - 1);
        Assert.DoesNotContain("condition: service_started", resolved, StringComparison.Ordinal);
        Assert.Contains("Accounting__Store: PostgreSql", resolved, StringComparison.Ordinal);
        Assert.Equal(3, resolved.Split("OTEL_EXPORTER_OTLP_ENDPOINT: http://otel-collector:4317").Length - 1);
    }

    private static string ComposeFile()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "docker-compose.yml");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("docker-compose.yml not found above the test's folder.");
    }

    private static async Task<(int Code, string Output, string Error)> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(DockerCompose) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output, await error);
    }
}
