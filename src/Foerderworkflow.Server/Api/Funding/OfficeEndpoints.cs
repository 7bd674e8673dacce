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
