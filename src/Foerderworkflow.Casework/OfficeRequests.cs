using System.Security.Claims;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Funding.Decisions;
using Microsoft.AspNetCore.Mvc;

namespace Foerderworkflow.Casework;

/// <summary>
/// <c>Approve</c> with <c>amount</c> (and <c>capExceptionReason</c>, <c>conditions</c>, <c>deviationReason</c> against the
/// committee's vote or for less than requested) or <c>Reject</c> with <c>reasons</c>.
/// </summary>
public sealed record DecisionRequest(
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
public sealed record ProofOfUseReviewRequest(string? Outcome, decimal? SpentAmount, [property: MultiLineText] string? Reason, decimal? InterestRatePercent)
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
public sealed record ReclaimRequest([property: MultiLineText] string? Reason, decimal? SpentAmount, decimal? InterestRatePercent)
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
