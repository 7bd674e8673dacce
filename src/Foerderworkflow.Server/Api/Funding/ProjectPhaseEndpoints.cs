using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;

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

    internal static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

internal sealed record ExpenditureRequest(DateOnly? DueOn, decimal? Amount, string? Description);

/// <summary>A payout request: <c>amount</c> and the <c>expenditures</c> it is needed for; dates within the budget year.</summary>
internal sealed record PayoutRequestRequest(decimal? Amount, IReadOnlyList<ExpenditureRequest?>? Expenditures, decimal? UnspentFromEarlierPayouts)
{
    public StepInput ToInput(CaseFile file)
    {
        ArgumentNullException.ThrowIfNull(file);
        var errors = new RequestErrors();
        errors.Amount("amount", Amount, positive: true);
        errors.Amount("unspentFromEarlierPayouts", UnspentFromEarlierPayouts, required: false);
        var items = Expenditures ?? [];
        if (items.Count == 0)
        {
            errors.Add("expenditures", "Bitte die Ausgaben angeben, für die das Geld benötigt wird.");
        }
        else if (items.Count > 100)
        {
            errors.Add("expenditures", "Höchstens 100 Ausgaben je Mittelabruf.");
        }

        var year = file.Application.BudgetYear;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            if (errors.Required($"expenditures[{i}].dueOn", item?.DueOn) && item!.DueOn!.Value.Year != year)
            {
                errors.Add($"expenditures[{i}].dueOn", $"Die Ausgabe muss im Haushaltsjahr {year} fällig sein.");
            }

            errors.Amount($"expenditures[{i}].amount", item?.Amount, positive: true);
            errors.Text($"expenditures[{i}].description", item?.Description, required: false, maxLength: 200);
        }

        if (errors.ToProblem() is { } problem)
        {
            return StepInput.Refuse(problem);
        }

        return StepInput.Of(new JsonObject
        {
            ["outcome"] = ProjectExecutionActivity.PayoutRequested,
            ["amount"] = Amount,
            ["expenditures"] = new JsonArray([.. items.Select(e => (JsonNode)new JsonObject
            {
                ["dueOn"] = ProjectPhaseEndpoints.Day(e!.DueOn!.Value),
                ["amount"] = e.Amount,
                ["description"] = e.Description,
            })]),
            ["unspentFromEarlierPayouts"] = UnspentFromEarlierPayouts,
        });
    }
}

internal sealed record CostLineChange(string? Description, decimal? Amount);

/// <summary>A change after approval: <c>reason</c> and the changed cost lines (one per approved line, same order).</summary>
internal sealed record ChangeRequestRequest([property: MultiLineText] string? Reason, IReadOnlyList<CostLineChange?>? CostLines)
{
    public IResult? Validate()
    {
        var errors = new RequestErrors();
        errors.Text("reason", Reason);
        var lines = CostLines ?? [];
        if (lines.Count == 0)
        {
            errors.Add("costLines", "Bitte den geänderten Kostenplan angeben.");
        }

        for (var i = 0; i < lines.Count; i++)
        {
            errors.Text($"costLines[{i}].description", lines[i]?.Description, maxLength: 200);
            errors.Amount($"costLines[{i}].amount", lines[i]?.Amount);
        }

        return errors.ToProblem();
    }

    public JsonObject ToInput() => new()
    {
        ["outcome"] = ProjectExecutionActivity.ChangeRequested,
        ["reason"] = Reason,
        ["costLines"] = new JsonArray([.. CostLines!.Select(l => (JsonNode)new JsonObject { ["description"] = l!.Description, ["amount"] = l.Amount })]),
    };
}

/// <summary>The project's actual end (default today); not in the future, not before the start, within the budget year.</summary>
internal sealed record ProjectEndRequest(DateOnly? EndedOn)
{
    public StepInput ToInput(CaseFile file, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(file);
        if (EndedOn is { } day)
        {
            if (day > FundingTime.Day(now))
            {
                return StepInput.Refuse(RequestErrors.Problem("endedOn", "Das Projektende kann erst gemeldet werden, wenn es erreicht ist."));
            }

            if (day.Year != file.Application.BudgetYear)
            {
                return StepInput.Refuse(RequestErrors.Problem("endedOn", $"Das Projekt endet im Haushaltsjahr {file.Application.BudgetYear}."));
            }
        }

        return StepInput.Of(new JsonObject
        {
            ["outcome"] = ProjectExecutionActivity.ProjectEnded,
            ["endedOn"] = EndedOn is { } ended ? ProjectPhaseEndpoints.Day(ended) : null,
        });
    }
}

internal sealed record WithdrawalRequest([property: MultiLineText] string? Reason);

/// <summary><c>Ordered</c> (optional lower <c>amount</c>, <c>payOn</c>) or <c>Refused</c> with <c>reasons</c>.</summary>
internal sealed record PayoutApprovalRequest(string? Outcome, decimal? Amount, DateOnly? PayOn, IReadOnlyList<string>? Reasons)
{
    public IResult? Validate()
    {
        var errors = new RequestErrors();
        if (errors.OneOf("outcome", Outcome, PayoutReviewActivity.Ordered, PayoutReviewActivity.Refused))
        {
            errors.Texts("reasons", Reasons, required: Outcome == PayoutReviewActivity.Refused);
        }

        errors.Amount("amount", Amount, required: false, positive: true);
        return errors.ToProblem();
    }

    public JsonObject ToInput() => new()
    {
        ["outcome"] = Outcome,
        ["amount"] = Amount,
        ["payOn"] = PayOn is { } day ? ProjectPhaseEndpoints.Day(day) : null,
        ["reasons"] = DecisionRequest.Strings(Reasons),
    };
}

/// <summary><c>Approved</c> (optional <c>conditions</c>) or <c>Rejected</c> with <c>reasons</c>.</summary>
internal sealed record ChangeReviewRequest(string? Outcome, IReadOnlyList<string>? Conditions, IReadOnlyList<string>? Reasons)
{
    public IResult? Validate()
    {
        var errors = new RequestErrors();
        if (errors.OneOf("outcome", Outcome, ChangeReviewActivity.Approved, ChangeReviewActivity.Rejected))
        {
            errors.Texts("reasons", Reasons, required: Outcome == ChangeReviewActivity.Rejected);
        }

        errors.Texts("conditions", Conditions, required: false);
        return errors.ToProblem();
    }

    public JsonObject ToInput() => new()
    {
        ["outcome"] = Outcome,
        ["conditions"] = DecisionRequest.Strings(Conditions),
        ["reasons"] = DecisionRequest.Strings(Reasons),
    };
}

/// <summary>The money received for a reclaim: <c>amount</c> and the day it was paid (<c>paidOn</c>, default today).</summary>
internal sealed record RepaymentRequest(decimal? Amount, DateOnly? PaidOn)
{
    public IResult? Validate()
    {
        var errors = new RequestErrors();
        errors.Amount("amount", Amount, positive: true);
        return errors.ToProblem();
    }

    public JsonObject ToInput() => new()
    {
        ["amount"] = Amount,
        ["paidOn"] = PaidOn is { } day ? ProjectPhaseEndpoints.Day(day) : null,
    };
}
