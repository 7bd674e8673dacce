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
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// The applicant's side: submit, list and read one's own applications, answer a change request, accept the grant or
/// waive the appeal, submit the proof of use. Staff read every application through the same read endpoints.
/// </summary>
internal static class ApplicantEndpoints
{
    private const int MaxPageSize = 200;

    public static void Map(RouteGroupBuilder applications)
    {
        applications.MapPost("/", SubmitAsync)
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Antrag einreichen: prüft das Formular gegen den Fonds, vergibt das Aktenzeichen und startet den Ablauf des Fonds.");

        applications.MapGet("/", ListAsync)
            .RequireAuthorization(Policies.ApplicationReader)
            .WithSummary("Anträge auflisten: Antragsteller sehen nur ihre eigenen, KuF, Amt und Administration alle.");

        applications.MapGet("/{applicationId}", async (string applicationId, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
                await desk.FindAsync(applicationId, Caller.From(user), ct) is { } file
                    ? Results.Ok(ApplicationResponse.From(file, desk.Now, Caller.From(user)))
                    : ApplicationDesk.NotFound(applicationId))
            .RequireAuthorization(Policies.ApplicationReader)
            .WithSummary("Einen Antrag lesen: Status, Ergebnisse bisher und nächster Schritt (Antragsteller nur eigene; fremde sind 404).");

        applications.MapPost("/{applicationId}/resubmission", (string applicationId, ResubmissionRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
                desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.Resubmission,
                    async (file, _) => request.ToInput(file, file.Fund is { } settings ? await desk.Registry.FindFundAsync(settings.Id, ct) : null), ct))
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Nachforderung beantworten (optional mit geändertem Titel, Projektende oder Kosten- und Finanzierungsplan).");

        applications.MapPost("/{applicationId}/grant-acceptance", async (string applicationId, GrantAcceptanceRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
                request.Validate() ?? await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.GrantAcceptance, request.ToInput(), ct))
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Zuwendung annehmen (Vereinbarung unterschrieben) oder auf Widerspruch verzichten.");

        applications.MapPost("/{applicationId}/proof-of-use", async (string applicationId, ProofOfUseRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, CancellationToken ct) =>
                request.Validate() ?? await desk.CompleteAsync(applicationId, Caller.From(user), FundingSteps.ProofOfUse, request.ToInput(), ct))
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Verwendungsnachweis einreichen: Sachbericht und tatsächliche Ausgaben.");
    }

    private static async Task<IResult> SubmitAsync(
        SubmitApplicationRequest request,
        ClaimsPrincipal user,
        HttpRequest http,
        [FromServices] ApplicationDesk desk,
        [FromServices] FundWorkflows workflows,
        [FromServices] WorkflowRuntime runtime,
        [FromServices] IWorkflowStore store,
        [FromServices] Idempotency idempotency,
        CancellationToken ct)
    {
        var (key, badKey) = Idempotency.Read(http);
        if (badKey is not null)
        {
            return badKey;
        }

        // With a key, the instance id is the caller's and the key's: a retry finds the first submission before anything
        // else (the form is checked against today, which may have moved on), and a concurrent one loses at the store.
        var form = JsonSerializer.SerializeToNode(request, FundingVariables.Json);
        var instanceId = key is null ? null : Idempotency.InstanceId("applications", Caller.From(user).Subject, key);
        if (instanceId is not null && await ReplayAsync(instanceId, form, store, desk, idempotency, Caller.From(user), ct) is { } replayed)
        {
            return replayed;
        }

        var errors = new RequestErrors();
        var application = request.ToForm(errors);
        var fund = request.FundId is { Length: > 0 and <= 100 } fundId ? await desk.Registry.FindFundAsync(fundId, ct) : null;
        if (fund is null && !errors.Any)
        {
            errors.Add("fundId", request.FundId is null ? "Angabe fehlt." : $"Es gibt keinen Fonds '{request.FundId}'.");
        }

        if (errors.ToProblem() is { } incomplete)
        {
            return incomplete;
        }

        var today = FundingTime.Day(desk.Now);
        if (ApplicationValidator.Validate(application!, fund!, today) is { Count: > 0 } broken)
        {
            return RequestErrors.Problem(broken);
        }

        var caller = Caller.From(user);
        var applicationId = Guid.CreateVersion7(desk.Now).ToString("N");
        var fileNumber = await desk.Registry.NextFileNumberAsync(fund!.Id, application!.BudgetYear, ct);
        var registered = new ApplicationCase
        {
            ApplicationId = applicationId,
            FileNumber = fileNumber.ToString(),
            BudgetYear = application.BudgetYear,
            ApplicantSubject = caller.Subject,
            ApplicantName = application.Applicant.Organisation.Trim(),
            ApplicantEmail = application.Applicant.Email.Trim(),
            Title = application.Title.Trim(),
            RequestedAmount = application.CostPlan.RequestedAmount.Euros,
            ProjectStart = application.Period.Start,
            ProjectEnd = application.Period.End,
            // Changes after approval are assessed against these lines (ANBest-P 1.2).
            CostLines = [.. application.CostPlan.Lines.Select(l => new CaseCostLine(l.Description.Trim(), l.Amount.Euros))],
            Payee = new CasePayee(
                string.IsNullOrWhiteSpace(application.Applicant.AccountHolder) ? application.Applicant.Organisation.Trim() : application.Applicant.AccountHolder.Trim(),
                Iban.Parse(application.Applicant.Iban).Value,
                Bic.Normalize(application.Applicant.Bic)),
            OwnFunds = application.CostPlan.OwnFunds.Euros,
            ThirdPartyFunds = application.CostPlan.ThirdPartyFunds.Euros,
        };

        // The whole form stays in the instance's start input (the steps read only application and fund).
        var input = new JsonObject
        {
            ["application"] = FundingVariables.ToJson(registered),
            ["fund"] = FundingVariables.ToJson(FundSettings.From(fund)),
            ["form"] = form,
        };
        RunResult started;
        try
        {
            started = await runtime.StartAsync(workflows.DefinitionFor(fund), input, applicationId, instanceId, ct);
        }
        catch (InstanceAlreadyExistsException) when (instanceId is not null)
        {
            // A concurrent retry with the same key committed first; this one wrote nothing. Answer as that one did.
            return await ReplayAsync(instanceId, form, store, desk, idempotency, Caller.From(user), ct)
                ?? throw new InvalidOperationException($"Instance '{instanceId}' exists but cannot be read.");
        }

        return Results.Created($"/api/applications/{applicationId}", await desk.DescribeAsync(started.InstanceId, Caller.From(user), ct));
    }

    /// <summary>The first answer again when the caller's key was used before (or the 422 problem); null when it was not.</summary>
    private static async Task<IResult?> ReplayAsync(string instanceId, JsonNode? form, IWorkflowStore store, ApplicationDesk desk, Idempotency idempotency, Caller caller, CancellationToken ct)
    {
        if (await store.FindInstanceAsync(instanceId, ct) is not { } existing)
        {
            return null;
        }

        return idempotency.Refusal(existing, Idempotency.Same(existing.State.Input?["form"], form?.DeepClone()))
            ?? Results.Created($"/api/applications/{existing.CorrelationId}", await desk.DescribeAsync(existing.Id, caller, ct));
    }

    private static async Task<IResult> ListAsync(
        string? fundId,
        int? budgetYear,
        string? status,
        int? skip,
        int? take,
        ClaimsPrincipal user,
        [FromServices] ApplicationDesk desk,
        CancellationToken ct)
    {
        var errors = new RequestErrors();
        ApplicationStatus? parsed = null;
        if (status is not null)
        {
            if (Enum.TryParse<ApplicationStatus>(status, ignoreCase: true, out var s) && !int.TryParse(status, out _))
            {
                parsed = s;
            }
            else
            {
                errors.Add("status", $"Erlaubt: {string.Join(", ", Enum.GetNames<ApplicationStatus>())}.");
            }
        }

        if (skip is < 0)
        {
            errors.Add("skip", "Darf nicht negativ sein.");
        }

        if (take is < 1 or > MaxPageSize)
        {
            errors.Add("take", $"Zwischen 1 und {MaxPageSize}.");
        }

        if (budgetYear is not null)
        {
            errors.Year("budgetYear", budgetYear);
        }

        if (errors.ToProblem() is { } problem)
        {
            return problem;
        }

        var caller = Caller.From(user);
        var filter = new ApplicationFilter
        {
            ApplicantSubject = caller.SeesOnlyOwnApplications ? caller.Subject : null,
            FundId = fundId,
            BudgetYear = budgetYear,
            Status = parsed,
            Skip = skip ?? 0,
            Take = take ?? 50,
        };
        var found = await desk.Registry.ListApplicationsAsync(filter, ct);
        return Results.Ok(found.Select(ApplicationListItem.From).ToList());
    }
}

/// <summary>The application form as the applicant sends it; field names are the paths the validator reports.</summary>
internal sealed record SubmitApplicationRequest(
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

internal sealed record ApplicantRequest(string? Organisation, string? ContactName, string? Email, string? Phone, string? Iban, string? AccountHolder, string? Bic);

internal sealed record PeriodRequest(DateOnly? Start, DateOnly? End);

internal sealed record CostPlanRequest(IReadOnlyList<CostLineRequest?>? Lines, decimal? OwnFunds, decimal? ThirdPartyFunds, decimal? RequestedAmount)
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

internal sealed record CostLineRequest(string? Description, decimal? Amount);

/// <summary>
/// The answer to a change request; every field optional, each replaces the old value. A changed amount comes with the
/// changed cost and financing plan (<c>costPlan</c>), which is checked like the one of a submission.
/// </summary>
internal sealed record ResubmissionRequest(string? Title, decimal? RequestedAmount, DateOnly? ProjectEnd, CostPlanRequest? CostPlan, [property: MultiLineText] string? Comment)
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
internal sealed record GrantAcceptanceRequest(string? Outcome, string? SignedBy)
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
internal sealed record ProofOfUseRequest(decimal? SpentAmount, [property: MultiLineText] string? Report)
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
