using System.Net;
using Foerderworkflow.Server.Security;
using Foerderworkflow.Telemetry;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Hosting;

/// <summary>
/// The server's share of the telemetry (the common part is <see cref="TelemetryRegistration"/>): spans and metrics of
/// ASP.NET Core, and the Prometheus scraping endpoint <c>/metrics</c>.
/// </summary>
internal static class ServerTelemetry
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddServerTelemetry(this WebApplicationBuilder builder)
    {
        var scrape = builder.Configuration.GetSection("Telemetry:Metrics").Get<MetricsScrapeOptions>() ?? new MetricsScrapeOptions();
        var networks = scrape.Networks();
        builder.AddTelemetry("foerderworkflow-server")
            .WithTracing(tracing => tracing.AddAspNetCoreInstrumentation(aspNet =>
                // Probes and scrapes every few seconds would bury the traces of real requests.
                aspNet.Filter = http => !http.Request.Path.StartsWithSegments("/health") && !http.Request.Path.StartsWithSegments(MetricsPath)))
            .WithMetrics(metrics => metrics
                .AddAspNetCoreInstrumentation()
                .AddPrometheusExporter());

        // Prometheus scrapes without a token: from the networks named in Telemetry:Metrics:AllowedNetworks (the
        // monitoring network), anyone; from anywhere else only an administrator. The figures name definitions and
        // message types, no personal data, but they are no business of the public either.
        builder.Services.AddAuthorizationBuilder()
            .AddPolicy(Policies.MetricsScrape, policy => policy.RequireAssertion(context =>
                (context.Resource is HttpContext http && http.Connection.RemoteIpAddress is { } address && networks.Any(n => n.Contains(Normalize(address))))
                || context.User.IsInRole(Roles.Admin)));
        return builder;
    }

    public static WebApplication MapMetrics(this WebApplication app)
    {
        app.MapPrometheusScrapingEndpoint(MetricsPath).RequireAuthorization(Policies.MetricsScrape);
        return app;
    }

    /// <summary>An IPv4 client on a dual-stack socket arrives as ::ffff:a.b.c.d; the configured networks are written as IPv4.</summary>
    private static IPAddress Normalize(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}

/// <summary>The <c>Telemetry:Metrics</c> section.</summary>
internal sealed class MetricsScrapeOptions
{
    /// <summary>CIDR networks (e.g. <c>10.0.0.0/8</c>, <c>127.0.0.1/32</c>) whose clients may scrape <c>/metrics</c> without signing in; none by default.</summary>
    public IReadOnlyList<string> AllowedNetworks { get; init; } = [];

    public IReadOnlyList<IPNetwork> Networks() =>
    [
        .. AllowedNetworks.Select(text => IPNetwork.TryParse(text, out var network)
            ? network
            : throw new InvalidOperationException($"Telemetry:Metrics:AllowedNetworks: '{text}' is no network in CIDR notation (e.g. 10.0.0.0/8).")),
    ];
}
