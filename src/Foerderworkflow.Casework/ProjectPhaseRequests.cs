using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Microsoft.AspNetCore.Mvc;

namespace Foerderworkflow.Casework;

public sealed record ExpenditureRequest(DateOnly? DueOn, decimal? Amount, string? Description);

/// <summary>A payout request: <c>amount</c> and the <c>expenditures</c> it is needed for; dates within the budget year.</summary>
public sealed record PayoutRequestRequest(decimal? Amount, IReadOnlyList<ExpenditureRequest?>? Expenditures, decimal? UnspentFromEarlierPayouts)
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
                ["dueOn"] = IsoDay.Of(e!.DueOn!.Value),
                ["amount"] = e.Amount,
                ["description"] = e.Description,
            })]),
            ["unspentFromEarlierPayouts"] = UnspentFromEarlierPayouts,
        });
    }
}

public sealed record CostLineChange(string? Description, decimal? Amount);

/// <summary>A change after approval: <c>reason</c> and the changed cost lines (one per approved line, same order).</summary>
public sealed record ChangeRequestRequest([property: MultiLineText] string? Reason, IReadOnlyList<CostLineChange?>? CostLines)
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
public sealed record ProjectEndRequest(DateOnly? EndedOn)
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
            ["endedOn"] = EndedOn is { } ended ? IsoDay.Of(ended) : null,
        });
    }
}

public sealed record WithdrawalRequest([property: MultiLineText] string? Reason);

/// <summary><c>Ordered</c> (optional lower <c>amount</c>, <c>payOn</c>) or <c>Refused</c> with <c>reasons</c>.</summary>
public sealed record PayoutApprovalRequest(string? Outcome, decimal? Amount, DateOnly? PayOn, IReadOnlyList<string>? Reasons)
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
        ["payOn"] = PayOn is { } day ? IsoDay.Of(day) : null,
        ["reasons"] = DecisionRequest.Strings(Reasons),
    };
}

/// <summary><c>Approved</c> (optional <c>conditions</c>) or <c>Rejected</c> with <c>reasons</c>.</summary>
public sealed record ChangeReviewRequest(string? Outcome, IReadOnlyList<string>? Conditions, IReadOnlyList<string>? Reasons)
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
public sealed record RepaymentRequest(decimal? Amount, DateOnly? PaidOn)
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
        ["paidOn"] = PaidOn is { } day ? IsoDay.Of(day) : null,
    };
}

/// <summary>A day as the workflow inputs carry it: ISO 8601 <c>yyyy-MM-dd</c>.</summary>
public static class IsoDay
{
    public static string Of(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
