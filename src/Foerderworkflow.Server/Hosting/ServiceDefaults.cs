using Foerderworkflow.Portal;
using System.Text.Json.Serialization;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Server.Api;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Hosting;

/// <summary>Concerns every host shares: problem details, health endpoints, exception → status mapping.</summary>
internal static class ServiceDefaults
{
    public static WebApplicationBuilder AddServiceDefaults(this WebApplicationBuilder builder)
    {
        builder.AddForwardedHeaders();
        builder.Services.AddProblemDetails();
        builder.Services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            TextInput.Configure(json.SerializerOptions);
        });
        builder.Services.AddExceptionHandler<ProblemExceptionHandler>();
        // Unreadable request bodies become problem details naming the field in every environment, not only in Development.
        builder.Services.Configure<Microsoft.AspNetCore.Routing.RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        builder.Services.AddHealthChecks()
            .AddCheck("self", () => HealthCheckResult.Healthy(), tags: ["live"])
            .AddCheck<WorkflowStoreHealthCheck>("workflow-store", tags: ["ready"]);
        builder.Services.AddOpenApi();
        var idempotency = builder.Configuration.GetSection("Idempotency").Get<IdempotencyOptions>() ?? new IdempotencyOptions();
        if (idempotency.Window <= TimeSpan.Zero)
        {
            throw new InvalidOperationException("Idempotency:Window must be positive.");
        }

        builder.Services.AddSingleton(idempotency);
        builder.Services.AddSingleton<Idempotency>();
        return builder;
    }

    public static WebApplication UseServiceDefaults(this WebApplication app)
    {
        // First: everything after it (redirect URIs, Secure cookies, rate limits, logs) sees the browser's scheme and address.
        app.UseForwardedHeaders();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UsePortalErrorPages();
        app.UseAuthentication();
        // After authentication: the global limit is counted per signed-in subject where there is one.
        app.UseRateLimiter();
        app.UseAuthorization();
        app.UseMiddleware<Utf8BodyCheck>();
        app.MapHealthChecks("/health/live", new() { Predicate = check => check.Tags.Contains("live") }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains("ready") }).AllowAnonymous();
        app.MapOpenApi().AllowAnonymous();
        return app;
    }

    private sealed class WorkflowStoreHealthCheck(IWorkflowStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            await store.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("Die Datenbank ist nicht erreichbar.");
    }
}
