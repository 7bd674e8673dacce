using System.Security.Claims;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Funding.Decisions;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>The lead office's actions: the binding decision, the proof-of-use review, raising a reclaim.</summary>
internal static class OfficeEndpoints
{
    public static void Map(RouteGroupBuilder applications)
    {
        applications.MapPost("/{applicationId}/decision", async (string applicationId, DecisionRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
            {
                if (request.Validate() is { } invalid)
                {
                    return invalid;
                }

                CaseFile? decided = null;
                try
                {
                    return await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.OfficeDecision, async (file, _) =>
                    {
                        decided = file;
                        var remaining = await RemainingBudgetAsync(desk, file, ct);
                        return request.Outcome == OfficeDecisionActivity.Approve && request.Amount > remaining
                            ? StepInput.Refuse(BudgetRefusal(request.Amount.Value, remaining))
                            : StepInput.Of(request.ToInput(remaining));
                    }, ct);
                }
                catch (BudgetExceededException exceeded) when (decided is not null)
                {
                    // The store's gate stopped it inside the commit: a concurrent approval took the money in the
                    // meantime. The same answer as when the money was gone before, with what is left now.
                    return BudgetRefusal(exceeded.Amount, await RemainingBudgetAsync(desk, decided, ct));
                }
            })
            .RequireAuthorization(Policies.LeadOffice)
            .WithSummary("Entscheidung des Amts: bewilligen (Approve + amount, höchstens beantragt, Förderhöchstgrenze, Restbudget; deviationReason gegen das Votum des Gremiums oder bei weniger als beantragt) oder ablehnen (Reject + reasons).");

        applications.MapPost("/{applicationId}/proof-of-use-review", async (string applicationId, ProofOfUseReviewRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
                request.Validate() ?? await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.ProofOfUseReview, request.ToInput(), ct))
            .RequireAuthorization(Policies.LeadOffice)
            .WithSummary("Verwendungsnachweis prüfen: anerkennen (Accepted) oder nicht verbrauchte Mittel zurückfordern (Reclaim + reason).");

        applications.MapPost("/{applicationId}/reclaims", async (string applicationId, ReclaimRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
                request.Validate() ?? await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.ProofOfUseReview, request.ToInput(), ct))
            .RequireAuthorization(Policies.LeadOffice)
            .WithSummary("Rückforderung erheben: nach Prüfung des Verwendungsnachweises nicht verbrauchte Mittel mit Begründung und Zinssatz (§ 49a VwVfG) zurückfordern.");
    }

    /// <summary>What the fund's budget year has left, from the register's ledger (never from the caller).</summary>
    private static async Task<decimal> RemainingBudgetAsync(ApplicationDesk desk, CaseFile file, CancellationToken ct)
    {
        var fundId = file.Fund?.Id ?? "";
        var year = file.Application.BudgetYear;
        return (await desk.Registry.GetBudgetAsync(fundId, year, ct))?.Available
            ?? (await desk.Registry.FindFundAsync(fundId, ct))?.BudgetFor(year)?.Amount.Euros
            ?? 0m;
    }

    /// <summary>
    /// An approval the budget year cannot cover: one answer (409, naming <c>amount</c>, the amount and what is left),
    /// whether the money was gone before the request or a concurrent approval took it during the commit.
    /// </summary>
    private static IResult BudgetRefusal(decimal amount, decimal remaining)
    {
        var message = $"Der Betrag von {Money.FromEuros(amount)} übersteigt das verfügbare Budget; im Haushaltsjahr sind noch {Money.Max(Money.FromEuros(remaining), Money.Zero)} verfügbar.";
        return Results.ValidationProblem(new Dictionary<string, string[]> { ["amount"] = [message] },
            detail: message, title: "Budget nicht ausreichend", statusCode: StatusCodes.Status409Conflict);
    }
}

/// <summary>
/// <c>Approve</c> with <c>amount</c> (and <c>capExceptionReason</c>, <c>conditions</c>, <c>deviationReason</c> against the
/// committee's vote or for less than requested) or <c>Reject</c> with <c>reasons</c>.
/// </summary>
internal sealed record DecisionRequest(
    string? Outcome, decimal? Amount, [property: MultiLineText] string? CapExceptionReason, IReadOnlyList<string>? Conditions, IReadOnlyList<string>? Reasons,
    [property: MultiLineText] string? DeviationReason = null)
{
    public IResult? Validate()
    {
        var errors = new RequestErrors();
        if (errors.OneOf("outcome", Outcome, OfficeDecisionActivity.Approve, OfficeDecisionActivity.Reject))
        {
            var approve = Outcome == OfficeDecisionActivity.Approve;
            errors.Amount("amount", Amount, required: approve, positive: true);
            errors.Texts("reasons", Reasons, required: !approve);
        }

        errors.Text("capExceptionReason", CapExceptionReason, required: false, maxLength: 2_000);
        errors.Text("deviationReason", DeviationReason, required: false, maxLength: OfficeDecisionRules.MaxReasonLength);
        errors.Texts("conditions", Conditions, required: false);
        return errors.ToProblem();
    }

    public JsonObject ToInput(decimal remainingBudget) => new()
    {
        ["outcome"] = Outcome,
        ["amount"] = Amount,
        ["remainingBudget"] = remainingBudget,
        ["capExceptionReason"] = CapExceptionReason,
        ["deviationReason"] = DeviationReason,
        ["conditions"] = Strings(Conditions),
        ["reasons"] = Strings(Reasons),
    };

    internal static JsonArray? Strings(IReadOnlyList<string>? values) =>
        values is null ? null : new JsonArray([.. values.Select(v => (JsonNode?)v)]);
}

/// <summary>The review's result; <c>spentAmount</c> overrides what the applicant reported, <c>reason</c> explains a reclaim.</summary>
internal sealed record ProofOfUseReviewRequest(string? Outcome, decimal? SpentAmount, [property: MultiLineText] string? Reason, decimal? InterestRatePercent)
{
    public IResult? Validate()
    {
        var errors = new RequestErrors();
        if (errors.OneOf("outcome", Outcome, ProofOfUseReviewActivity.Accepted, ProofOfUseReviewActivity.Reclaim))
        {
            errors.Text("reason", Reason, required: Outcome == ProofOfUseReviewActivity.Reclaim);
        }

        errors.Amount("spentAmount", SpentAmount, required: false);
        ReclaimRequest.CheckRate(errors, InterestRatePercent);
        return errors.ToProblem();
    }

    public JsonObject ToInput() => new()
    {
        ["outcome"] = Outcome,
        ["spentAmount"] = SpentAmount,
        ["reason"] = Reason,
        ["interestRatePercent"] = InterestRatePercent,
    };
}

/// <summary>A reclaim of unspent money after the proof of use: <c>reason</c>, optional confirmed <c>spentAmount</c> and interest rate.</summary>
internal sealed record ReclaimRequest([property: MultiLineText] string? Reason, decimal? SpentAmount, decimal? InterestRatePercent)
{
    public IResult? Validate()
    {
        var errors = new RequestErrors();
        errors.Text("reason", Reason);
        errors.Amount("spentAmount", SpentAmount, required: false);
        CheckRate(errors, InterestRatePercent);
        return errors.ToProblem();
    }

    public JsonObject ToInput() => new ProofOfUseReviewRequest(ProofOfUseReviewActivity.Reclaim, SpentAmount, Reason, InterestRatePercent).ToInput();

    internal static void CheckRate(RequestErrors errors, decimal? rate)
    {
        if (rate is < 0m or > 20m)
        {
            errors.Add("interestRatePercent", "Der Zinssatz liegt zwischen 0 und 20 Prozent.");
        }
    }
}
