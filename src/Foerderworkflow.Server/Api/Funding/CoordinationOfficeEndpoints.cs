using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Committee;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>The KuF's actions: formal review, putting an application on an agenda or into a written procedure, closing a vote.</summary>
internal static class CoordinationOfficeEndpoints
{
    public static void Map(RouteGroupBuilder applications)
    {
        applications.MapPost("/{applicationId}/formal-review", (string applicationId, FormalReviewRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.ReviewFormallyAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.AssignedStaff)
            .WithSummary("Formale Prüfung: weiter zur Entscheidung (ToDecision), Nachforderung mit Begründung (ChangeRequested) oder unzulässig mit Gründen (Inadmissible).");

        applications.MapPost("/{applicationId}/routing", (string applicationId, RoutingRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.RouteAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.CoordinationOffice)
            .WithSummary("Zuleitung: auf die Tagesordnung einer Sitzung setzen (Session + meetingAt) oder ein Umlaufverfahren starten (WrittenProcedure + closingAt).");

        applications.MapPost("/{applicationId}/vote-closing", (string applicationId, VoteClosingRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.CloseVoteAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.CoordinationOffice)
            .WithSummary("Abstimmung schließen: zählt die Stimmen der Mitglieder (Anwesenheit, Befangenheit, Beschlussfähigkeit) oder erfasst ein vom Vorsitz festgestelltes Ergebnis.");
    }
}
