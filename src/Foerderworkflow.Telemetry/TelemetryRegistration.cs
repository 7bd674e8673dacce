using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Foerderworkflow.Telemetry;

/// <summary>
/// Traces, metrics and logs of a Förderworkflow process, the same for the server and both workers: every
/// ActivitySource and Meter named <c>Foerderworkflow.*</c> (engine, outbox, notifications, accounting) and MassTransit's
/// own, outgoing HTTP calls and the .NET runtime. Exported over OTLP only when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is
/// set (the exporter reads the other <c>OTEL_*</c> variables itself); without it the process still records, so the
/// server's <c>/metrics</c> and the tests' in-memory exporters see everything.
/// </summary>
public static class TelemetryRegistration
{
    /// <summary>Our own sources and meters; a wildcard, so a new component's telemetry needs no change here.</summary>
    public const string OwnSources = "Foerderworkflow.*";

    /// <summary>MassTransit 8's ActivitySource and Meter (<c>MassTransit.Logging.DiagnosticHeaders.DefaultListenerName</c>).</summary>
    public const string MassTransit = "MassTransit";

    public const string OtlpEndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    public const string ServiceNameVariable = "OTEL_SERVICE_NAME";

    /// <summary>
    /// Switches telemetry on for the process named <paramref name="serviceName"/> (<c>service.name</c>; the variable
    /// <c>OTEL_SERVICE_NAME</c> overrides it). Hosts add their own instrumentation to the returned builder (the server:
    /// ASP.NET Core and the Prometheus endpoint).
    /// </summary>
    public static IOpenTelemetryBuilder AddTelemetry(this IHostApplicationBuilder builder, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // Every log line written inside a span carries its trace and span id and the baggage, which holds the
        // correlation id (for a funding case the application id) from the burst onwards, also in the workers.
        builder.Logging.Configure(logging => logging.ActivityTrackingOptions =
            ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId | ActivityTrackingOptions.ParentId | ActivityTrackingOptions.Baggage);

        var otel = builder.Services.AddOpenTelemetry()
            // An explicit service name would win over the SDK's reading of OTEL_SERVICE_NAME, so the variable is read here.
            .ConfigureResource(resource => resource.AddService(
                builder.Configuration[ServiceNameVariable] is { Length: > 0 } configured ? configured : serviceName,
                serviceInstanceId: Environment.MachineName))
            .WithTracing(tracing => tracing
                .AddSource(OwnSources, MassTransit)
                .AddHttpClientInstrumentation())
            .WithMetrics(metrics => metrics
                .AddMeter(OwnSources, MassTransit)
                .AddHttpClientInstrumentation()
                .AddRuntimeInstrumentation());

        if (!string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointVariable]))
        {
            // One switch for all three signals: logs go out with their trace ids, scopes included.
            otel.WithLogging(_ => { }, logging => logging.IncludeScopes = true)
                .UseOtlpExporter();
        }

        return otel;
    }
}
