namespace Foerderworkflow.Server.Api.Funding;

/// <summary>Wires the funding API (one call each from Program.cs). The <see cref="Foerderworkflow.Funding.Registry.IFundingRegistry"/> comes from the funding store.</summary>
internal static class FundingApiRegistration
{
    public static WebApplicationBuilder AddFundingApi(this WebApplicationBuilder builder)
    {
        builder.Services.AddScoped<ApplicationDesk>();
        builder.Services.AddSingleton<FundWorkflows>();
        builder.Services.AddSingleton<CommitteeRosters>();
        builder.Services.AddSingleton<ICommitteeBallotBox, InMemoryCommitteeBallotBox>();
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
        TaskEndpoints.Map(app);
        FundEndpoints.Map(app);
        return app;
    }
}
