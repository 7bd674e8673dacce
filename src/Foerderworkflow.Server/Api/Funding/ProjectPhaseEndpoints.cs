using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// After the grant is final: the applicant requests payouts, applies for changes, reports the project end or (until the
/// first payout) withdraws; the office orders payouts, decides changes and records the repayment of a reclaim.
/// </summary>
internal static class ProjectPhaseEndpoints
{
    public static void Map(RouteGroupBuilder applications)
    {
        applications.MapPost("/{applicationId}/payout-requests", async (string applicationId, PayoutRequestRequest request, ClaimsPrincipal user, HttpRequest http, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
            {
                var (retry, badKey) = Idempotency.ForStep(http, "payout-requests", Caller.From(user).Subject, request);
                return badKey ?? await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.ProjectExecution, (file, _) => Task.FromResult(request.ToInput(file)), retry, ct);
            })
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Mittel abrufen: Betrag und die Ausgaben der nächsten sechs Wochen, für die er gebraucht wird (Sechs-Wochen-Regel, höchstens Zuwendung − ausgezahlt).");

        applications.MapPost("/{applicationId}/change-requests", async (string applicationId, ChangeRequestRequest request, ClaimsPrincipal user, HttpRequest http, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
            {
                var (retry, badKey) = Idempotency.ForStep(http, "change-requests", Caller.From(user).Subject, request);
                return badKey ?? request.Validate() ?? await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.ProjectExecution, (_, _) => Task.FromResult(StepInput.Of(request.ToInput())), retry, ct);
            })
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Änderung nach der Bewilligung beantragen: Begründung und der geänderte Kostenplan (eine Position je bewilligter Position); kleine Abweichungen brauchen keine Zustimmung.");

        applications.MapPost("/{applicationId}/project-end", async (string applicationId, ProjectEndRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
                await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.ProjectExecution, (file, _) => Task.FromResult(request.ToInput(file, desk.Now)), ct))
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Projektende melden (frühestens heute erreicht); ein früheres Ende zieht den Verwendungsnachweis vor.");

        applications.MapPost("/{applicationId}/withdrawal", async (string applicationId, WithdrawalRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
            {
                var errors = new RequestErrors();
                errors.Text("reason", request.Reason, required: false);
                return errors.ToProblem() ?? await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.Withdrawal, new JsonObject { ["reason"] = request.Reason }, ct);
            })
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Antrag zurückziehen: möglich von der Einreichung bis zur ersten Auszahlung.");

        applications.MapPost("/{applicationId}/payouts/{payoutId}/approval", async (string applicationId, string payoutId, PayoutApprovalRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
                request.Validate() ?? await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.PayoutReview, (file, task) =>
                {
                    var open = task.Data?["payoutId"]?.GetValue<string>();
                    return Task.FromResult(open == payoutId
                        ? StepInput.Of(request.ToInput())
                        : StepInput.Refuse(Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Aktion im aktuellen Status nicht möglich",
                            detail: $"Zur Prüfung steht der Mittelabruf '{open}' an, nicht '{payoutId}'.")));
                }, ct))
            .RequireAuthorization(Policies.LeadOffice)
            .WithSummary("Mittelabruf prüfen: Auszahlung anordnen (Ordered, optional geringerer Betrag und Zahltag) oder ablehnen (Refused + reasons).");

        applications.MapPost("/{applicationId}/change-review", async (string applicationId, ChangeReviewRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
                request.Validate() ?? await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.ChangeReview, request.ToInput(), ct))
            .RequireAuthorization(Policies.LeadOffice)
            .WithSummary("Änderungsantrag entscheiden: zustimmen (Approved, optional mit Auflagen) oder ablehnen (Rejected + reasons).");

        applications.MapPost("/{applicationId}/repayments", async (string applicationId, RepaymentRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
                request.Validate() ?? await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.Repayment, request.ToInput(), ct))
            .RequireAuthorization(Policies.LeadOffice)
            .WithSummary("Zahlungseingang der Rückforderung erfassen (Betrag ≥ Rückforderung + Zinsen bis zum Zahltag); schließt den Fall.");
    }

}
