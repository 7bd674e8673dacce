using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Amounts;
using Foerderworkflow.Funding.Applications;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Registry;
using Microsoft.AspNetCore.Mvc;

namespace Foerderworkflow.Casework;

/// <summary>The application form as the applicant sends it; field names are the paths the validator reports.</summary>
public sealed record SubmitApplicationRequest(
    string? FundId,
    int? BudgetYear,
    ApplicantRequest? Applicant,
    string? Title,
    [property: MultiLineText] string? Description,
    string? FieldOfAction,
    IReadOnlyList<string>? TargetGroups,
    int? PlannedParticipants,
    PeriodRequest? Period,
    CostPlanRequest? CostPlan,
    [property: MultiLineText] string? CapExceptionReason)
{
    /// <summary>The domain form, or null with the missing parts in <paramref name="errors"/>; the rules run afterwards.</summary>
    public ApplicationForm? ToForm(RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Required("fundId", FundId);
        errors.Year("budgetYear", BudgetYear);
        errors.Required("applicant", Applicant);
        if (errors.Required("period", Period))
        {
            errors.Required("period.start", Period!.Start);
            errors.Required("period.end", Period.End);
        }

        if (errors.Required("costPlan", CostPlan))
        {
            CostPlan!.Check(errors);
        }

        if (CapExceptionReason is { Length: > ApplicationLimits.CapExceptionReasonLength })
        {
            errors.Add("capExceptionReason", $"Höchstens {ApplicationLimits.CapExceptionReasonLength} Zeichen erlaubt.");
        }

        if (errors.Any)
        {
            return null;
        }

        return new ApplicationForm
        {
            BudgetYear = BudgetYear!.Value,
            Applicant = new Applicant
            {
                Organisation = Applicant!.Organisation ?? "",
                ContactName = Applicant.ContactName ?? "",
                Email = Applicant.Email ?? "",
                Phone = Applicant.Phone,
                Iban = Applicant.Iban ?? "",
                AccountHolder = Applicant.AccountHolder,
                Bic = Applicant.Bic,
            },
            Title = Title ?? "",
            Description = Description ?? "",
            FieldOfAction = FieldOfAction ?? "",
            TargetGroups = TargetGroups ?? [],
            PlannedParticipants = PlannedParticipants ?? 0,
            Period = new ProjectPeriod(Period!.Start!.Value, Period.End!.Value),
            CostPlan = CostPlan!.ToPlan(),
            CapExceptionReason = string.IsNullOrWhiteSpace(CapExceptionReason) ? null : CapExceptionReason,
        };
    }
}

public sealed record ApplicantRequest(string? Organisation, string? ContactName, string? Email, string? Phone, string? Iban, string? AccountHolder, string? Bic);

public sealed record PeriodRequest(DateOnly? Start, DateOnly? End);

public sealed record CostPlanRequest(IReadOnlyList<CostLineRequest?>? Lines, decimal? OwnFunds, decimal? ThirdPartyFunds, decimal? RequestedAmount)
{
    /// <summary>Records missing or malformed amounts; the plan's own rules (<see cref="CostPlanRules"/>) run on <see cref="ToPlan"/>.</summary>
    public void Check(RequestErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Amount("costPlan.requestedAmount", RequestedAmount, positive: true);
        errors.Amount("costPlan.ownFunds", OwnFunds, required: false);
        errors.Amount("costPlan.thirdPartyFunds", ThirdPartyFunds, required: false);
        var lines = Lines ?? [];
        for (var i = 0; i < lines.Count; i++)
        {
            errors.Amount($"costPlan.lines[{i}].amount", lines[i]?.Amount, positive: true);
        }
    }

    /// <summary>The domain plan; call after <see cref="Check"/> found nothing missing.</summary>
    public CostAndFinancingPlan ToPlan() => new()
    {
        Lines = [.. (Lines ?? []).Select(l => new CostLine(l?.Description ?? "", Money.FromEuros(l?.Amount ?? 0m)))],
        OwnFunds = Money.FromEuros(OwnFunds ?? 0m),
        ThirdPartyFunds = Money.FromEuros(ThirdPartyFunds ?? 0m),
        RequestedAmount = Money.FromEuros(RequestedAmount!.Value),
    };

    /// <summary>The plan as the resubmission step reads it (<c>costPlan</c> of its input).</summary>
    public static JsonObject ToJson(CostAndFinancingPlan plan) => new()
    {
        ["lines"] = new JsonArray([.. plan.Lines.Select(l => (JsonNode)new JsonObject { ["description"] = l.Description.Trim(), ["amount"] = l.Amount.Euros })]),
        ["ownFunds"] = plan.OwnFunds.Euros,
        ["thirdPartyFunds"] = plan.ThirdPartyFunds.Euros,
        ["requestedAmount"] = plan.RequestedAmount.Euros,
    };
}

public sealed record CostLineRequest(string? Description, decimal? Amount);

/// <summary>
/// The answer to a change request; every field optional, each replaces the old value. A changed amount comes with the
/// changed cost and financing plan (<c>costPlan</c>), which is checked like the one of a submission.
/// </summary>
public sealed record ResubmissionRequest(string? Title, decimal? RequestedAmount, DateOnly? ProjectEnd, CostPlanRequest? CostPlan, [property: MultiLineText] string? Comment)
{
    /// <param name="file">The case answered.</param>
    /// <param name="fund">The fund's current rules (minimum own share, cap); null only if the fund was deleted.</param>
    public StepInput ToInput(CaseFile file, Fund? fund)
    {
        ArgumentNullException.ThrowIfNull(file);
        var errors = new RequestErrors();
        errors.Text("title", Title, required: false, maxLength: ApplicationLimits.TitleLength);
        errors.Text("comment", Comment, required: false);
        errors.Amount("requestedAmount", RequestedAmount, required: false, positive: true);
        var application = file.Application;
        CostAndFinancingPlan? plan = null;
        if (CostPlan is not null)
        {
            CostPlan.Check(errors);
            if (!errors.Any && fund is not null)
            {
                plan = CostPlan.ToPlan();
                var capReason = file.Form?["capExceptionReason"]?.GetValue<string>();
                errors.AddRange(CostPlanRules.Validate(plan, fund, capReason));
                if (RequestedAmount is { } changed && changed != plan.RequestedAmount.Euros)
                {
                    errors.Add("requestedAmount", $"Der Betrag weicht vom neuen Kostenplan ab ({plan.RequestedAmount}).");
                }
            }
        }
        else if (RequestedAmount > (file.Fund?.CapPerProject ?? decimal.MaxValue) && RequestedAmount > application.RequestedAmount)
        {
            errors.Add("requestedAmount", $"Der Betrag übersteigt die Förderhöchstgrenze von {Money.FromEuros(file.Fund!.CapPerProject)}.");
        }

        if (ProjectEnd is { } end)
        {
            if (end.Year != application.BudgetYear)
            {
                errors.Add("projectEnd", $"Das Projekt muss im Haushaltsjahr {application.BudgetYear} enden.");
            }
            else if (application.ProjectStart is { } start && end < start)
            {
                errors.Add("projectEnd", "Das Projektende darf nicht vor dem Projektbeginn liegen.");
            }
        }

        if (errors.ToProblem() is { } problem)
        {
            return StepInput.Refuse(problem);
        }

        var input = new JsonObject();
        if (!string.IsNullOrWhiteSpace(Title))
        {
            input["title"] = Title.Trim();
        }

        if (RequestedAmount is { } amount)
        {
            input["requestedAmount"] = amount;
        }

        if (plan is not null)
        {
            input["costPlan"] = CostPlanRequest.ToJson(plan);
        }

        if (ProjectEnd is { } projectEnd)
        {
            input["projectEnd"] = projectEnd.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        }

        if (!string.IsNullOrWhiteSpace(Comment))
        {
            input["comment"] = Comment.Trim();
        }

        return StepInput.Of(input);
    }
}

/// <summary><c>outcome</c>: <c>AgreementSigned</c> or <c>AppealWaived</c>; <c>signedBy</c>: who signed for the applicant.</summary>
public sealed record GrantAcceptanceRequest(string? Outcome, string? SignedBy)
{
    public IResult? Validate()
    {
        var errors = new RequestErrors();
        errors.OneOf("outcome", Outcome, GrantAcceptanceActivity.AgreementSigned, GrantAcceptanceActivity.AppealWaived);
        errors.Text("signedBy", SignedBy, maxLength: 150);
        return errors.ToProblem();
    }

    public JsonObject ToInput() => new() { ["outcome"] = Outcome, ["signedBy"] = SignedBy!.Trim() };
}

/// <summary>The proof of use: what was actually spent and the narrative report.</summary>
public sealed record ProofOfUseRequest(decimal? SpentAmount, [property: MultiLineText] string? Report)
{
    public IResult? Validate()
    {
        var errors = new RequestErrors();
        errors.Amount("spentAmount", SpentAmount);
        errors.Text("report", Report);
        return errors.ToProblem();
    }

    public JsonObject ToInput() => new() { ["spentAmount"] = SpentAmount, ["report"] = Report!.Trim() };
}
