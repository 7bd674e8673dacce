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
        applications.MapPost("/{applicationId}/formal-review", async (string applicationId, FormalReviewRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
                request.Validate() ?? await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.FormalReview, request.ToInput(), ct))
            .RequireAuthorization(Policies.CoordinationOffice)
            .WithSummary("Formale Prüfung: weiter zur Entscheidung (ToDecision), Nachforderung mit Begründung (ChangeRequested) oder unzulässig mit Gründen (Inadmissible).");

        applications.MapPost("/{applicationId}/routing", async (string applicationId, RoutingRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
                request.Validate(desk.Now) ?? await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.Routing, request.ToInput(), ct))
            .RequireAuthorization(Policies.CoordinationOffice)
            .WithSummary("Zuleitung: auf die Tagesordnung einer Sitzung setzen (Session + meetingAt) oder ein Umlaufverfahren starten (WrittenProcedure + closingAt).");

        applications.MapPost("/{applicationId}/vote-closing", async (string applicationId, VoteClosingRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, [FromServices] ICommitteeBallotBox box, [FromServices] CommitteeRosters rosters, CancellationToken ct) =>
            {
                if (request.Validate() is { } invalid)
                {
                    return invalid;
                }

                CommitteeVoteKey? vote = null;
                var result = await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.CommitteeVote, async (file, task) =>
                {
                    vote = CommitteeEndpoints.VoteKey(file, task);
                    return StepInput.Of(request.ToInput(file, await box.ReadAsync(vote, ct), rosters));
                }, ct);
                if (vote is not null && result is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
                {
                    // The vote's bookmark is consumed, so its sheet is never read again; deleting it is housekeeping
                    // (a crash right here leaves rows of a closed vote that no new round sees).
                    await box.DiscardAsync(vote, CancellationToken.None);
                }

                return result;
            })
            .RequireAuthorization(Policies.CoordinationOffice)
            .WithSummary("Abstimmung schließen: zählt die Stimmen der Mitglieder (Anwesenheit, Befangenheit, Beschlussfähigkeit) oder erfasst ein vom Vorsitz festgestelltes Ergebnis.");
    }
}
