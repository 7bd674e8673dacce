using System.Security.Claims;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Documents;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;

using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// The minutes of the committee's vote on an application as PDF: for the KuF and the members (and deputies) of the body
/// that voted only; anyone else, the applicant included, gets 404, as for a case they may not see.
/// </summary>
internal static class MinutesEndpoints
{
    public static void Map(RouteGroupBuilder applications)
    {
        applications.MapGet("/{applicationId}/minutes", MinutesAsync)
            .RequireAuthorization(policy => policy.RequireRole(Roles.CoordinationOffice, Roles.CommitteeMember))
            .WithSummary("Niederschrift der Abstimmung als PDF (Anwesenheit, Beschlussfähigkeit, Befangenheit, Ergebnis); nur KuF und Mitglieder des Gremiums.");
    }

    private static async Task<IResult> MinutesAsync(
        string applicationId, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, [FromServices] CommitteeRosters rosters, [FromServices] TimeProvider clock, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (await desk.FindAsync(applicationId, caller, ct) is not { } file
            || file.Read<RoutingState>(FundingVariables.Routing) is not { } routing
            || (!caller.HasRole(Roles.CoordinationOffice) && !rosters.IsMember(routing.Body, caller.Subject)))
        {
            return ApplicationDesk.NotFound(applicationId);
        }

        if (file.Read<ResolutionState>(FundingVariables.Resolution) is not { } resolution || file.Read<FundSettings>(FundingVariables.Fund) is not { } fund)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nicht gefunden", detail: $"Über den Antrag {file.Application.FileNumber} wurde noch nicht abgestimmt.");
        }

        var pdf = CommitteePdf.Minutes(file.Application, fund, routing, resolution, clock.GetUtcNow());
        return Results.File(pdf, "application/pdf", $"Niederschrift {file.Application.FileNumber}.pdf");
    }
}
