using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// Erasing personal data after the retention period (<c>Funding:RetentionYears</c>, see docs/persistence.md), started
/// by an administrator (or a scheduled job calling the endpoint), so the deletion is a deliberate, logged act.
/// </summary>
internal static class RetentionEndpoints
{
    public static void Map(WebApplication app) =>
        app.MapPost("/api/funding/retention-runs", async ([FromServices] RetentionSweep sweep, [FromServices] ILogger<RetentionSweep> log, CancellationToken ct) =>
            {
                var result = await sweep.RunAsync(ct);
                log.LogInformation("Personal data erased: {Result}", RetentionSweep.Describe(result));
                return Results.Ok(new RetentionRunResponse(result.EndedBefore, result.ApplicationIds.Count, result.ApplicationIds));
            })
            .RequireAuthorization(Policies.WorkflowAdministration)
            .WithTags("Förderung: Aufbewahrung")
            .WithSummary("Personenbezogene Daten von Fällen löschen, die vor Ablauf der Aufbewahrungsfrist (Funding:RetentionYears volle Jahre nach dem Jahr des Abschlusses) endeten; Zahlen bleiben anonymisiert.");
}
