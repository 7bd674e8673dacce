using Foerderworkflow.Portal;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Api.Funding;
using Foerderworkflow.Server.Hosting;
using Foerderworkflow.Server.Messaging;
using Foerderworkflow.Server.Security;
using Foerderworkflow.Server.Security.RateLimiting;
using Foerderworkflow.Server.Studio;

var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults();
builder.AddServerTelemetry();
builder.AddWorkflowEngine();
builder.AddMessaging();
builder.AddOutboxBacklog();
builder.AddSecurity();
builder.AddRateLimits();
builder.AddFundingApi();
builder.AddPortalPages();

var app = builder.Build();
if (app.RefusesToStart())
{
    // Disposing flushes the console logger's queue: without it the process could exit before the reason is written.
    await app.DisposeAsync();
    return 1;
}

await app.PrepareWorkflowStoreAsync();
await app.ImportWorkflowsAsync();
app.UseServiceDefaults();
app.MapSecurityEndpoints();
app.MapDefinitionEndpoints();
app.MapInstanceEndpoints();
app.MapOperationsEndpoints();
app.MapMetrics();
app.MapFundingEndpoints();
app.MapElsaStudio();
app.MapPortal();
await app.RunAsync();
return 0;

/// <summary>Entry point; public for the integration tests' WebApplicationFactory.</summary>
public partial class Program;
