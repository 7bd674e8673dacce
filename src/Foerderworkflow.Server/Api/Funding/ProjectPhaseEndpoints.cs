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
        applications.MapPost("/{applicationId}/payout-requests", async (string applicationId, PayoutRequestRequest request, ClaimsPrincipal user, HttpRequest http, [FromServices] StepDesk steps, CancellationToken ct) =>
            {
                var (key, badKey) = Idempotency.Read(http);
                return badKey ?? await steps.RequestPayoutAsync(applicationId, request, Caller.From(user), key, ct);
            })
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Mittel abrufen: Betrag und die Ausgaben der nächsten sechs Wochen, für die er gebraucht wird (Sechs-Wochen-Regel, höchstens Zuwendung − ausgezahlt).");

        applications.MapPost("/{applicationId}/change-requests", async (string applicationId, ChangeRequestRequest request, ClaimsPrincipal user, HttpRequest http, [FromServices] StepDesk steps, CancellationToken ct) =>
            {
                var (key, badKey) = Idempotency.Read(http);
                return badKey ?? await steps.RequestChangeAsync(applicationId, request, Caller.From(user), key, ct);
            })
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Änderung nach der Bewilligung beantragen: Begründung und der geänderte Kostenplan (eine Position je bewilligter Position); kleine Abweichungen brauchen keine Zustimmung.");

        applications.MapPost("/{applicationId}/project-end", (string applicationId, ProjectEndRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.ReportProjectEndAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Projektende melden (frühestens heute erreicht); ein früheres Ende zieht den Verwendungsnachweis vor.");

        applications.MapPost("/{applicationId}/withdrawal", (string applicationId, WithdrawalRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.WithdrawAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Antrag zurückziehen: möglich von der Einreichung bis zur ersten Auszahlung.");

        applications.MapPost("/{applicationId}/payouts/{payoutId}/approval", (string applicationId, string payoutId, PayoutApprovalRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.ReviewPayoutAsync(applicationId, payoutId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.LeadOffice)
            .WithSummary("Mittelabruf prüfen: Auszahlung anordnen (Ordered, optional geringerer Betrag und Zahltag) oder ablehnen (Refused + reasons).");

        applications.MapPost("/{applicationId}/change-review", (string applicationId, ChangeReviewRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.ReviewChangeAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.LeadOffice)
            .WithSummary("Änderungsantrag entscheiden: zustimmen (Approved, optional mit Auflagen) oder ablehnen (Rejected + reasons).");

        applications.MapPost("/{applicationId}/repayments", (string applicationId, RepaymentRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.RecordRepaymentAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.LeadOffice)
            .WithSummary("Zahlungseingang der Rückforderung erfassen (Betrag ≥ Rückforderung + Zinsen bis zum Zahltag); schließt den Fall.");
    }
}
