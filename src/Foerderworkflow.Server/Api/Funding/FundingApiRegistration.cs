using Foerderworkflow.Funding.Committee;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>Wires the funding API (one call each from Program.cs). The <see cref="Foerderworkflow.Funding.Registry.IFundingRegistry"/> comes from the funding store.</summary>
internal static class FundingApiRegistration
{
    public static WebApplicationBuilder AddFundingApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ApplicationDesk>();
        builder.Services.AddScoped<ApplicationIntake>();
        builder.Services.AddScoped<StepDesk>();
        builder.Services.AddScoped<CommitteeDesk>();
        builder.Services.AddScoped<TaskInbox>();
        builder.Services.AddSingleton<FundWorkflows>();
        builder.Services.AddSingleton<CommitteeRosters>();
        // The funding store registers the stored ballot box; the in-memory one only for a host without it.
        builder.Services.TryAddSingleton<ICommitteeBallotBox, InMemoryCommitteeBallotBox>();
        return builder;
    }

    public static WebApplication MapFundingEndpoints(this WebApplication app)
    {
        var applications = app.MapGroup("/api/applications").WithTags("Förderung: Anträge");
        ApplicantEndpoints.Map(applications);
        CoordinationOfficeEndpoints.Map(applications);
        CommitteeEndpoints.Map(app, applications);
        OfficeEndpoints.Map(applications);
        ProjectPhaseEndpoints.Map(applications);
        AttachmentEndpoints.Map(applications);
        DocumentEndpoints.Map(applications);
        MinutesEndpoints.Map(applications);
        RetentionEndpoints.Map(app);
        TaskEndpoints.Map(app);
        FundEndpoints.Map(app);
        RegisterExportEndpoints.Map(app);
        AgendaEndpoints.Map(app);
        return app;
    }
}
