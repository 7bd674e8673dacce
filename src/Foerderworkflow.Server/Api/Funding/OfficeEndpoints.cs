using System.Security.Claims;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Funding.Decisions;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>The lead office's actions: the binding decision, the proof-of-use review, raising a reclaim.</summary>
internal static class OfficeEndpoints
{
    public static void Map(RouteGroupBuilder applications)
    {
        applications.MapPost("/{applicationId}/decision", (string applicationId, DecisionRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.DecideAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.AssignedStaff)
            .WithSummary("Entscheidung des Amts: bewilligen (Approve + amount, höchstens beantragt, Förderhöchstgrenze, Restbudget; deviationReason gegen das Votum des Gremiums oder bei weniger als beantragt) oder ablehnen (Reject + reasons).");

        applications.MapPost("/{applicationId}/proof-of-use-review", (string applicationId, ProofOfUseReviewRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.ReviewProofOfUseAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.LeadOffice)
            .WithSummary("Verwendungsnachweis prüfen: anerkennen (Accepted) oder nicht verbrauchte Mittel zurückfordern (Reclaim + reason).");

        applications.MapPost("/{applicationId}/reclaims", (string applicationId, ReclaimRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.ReclaimAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.LeadOffice)
            .WithSummary("Rückforderung erheben: nach Prüfung des Verwendungsnachweises nicht verbrauchte Mittel mit Begründung und Zinssatz (§ 49a VwVfG) zurückfordern.");
    }
}
