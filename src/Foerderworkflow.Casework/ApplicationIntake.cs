using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Applications;
using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Casework;

/// <summary>Where a new application comes in, from the API or the portal: one submission, one file number, one workflow instance.</summary>
public sealed class ApplicationIntake(ApplicationDesk desk, FundWorkflows workflows, WorkflowRuntime runtime, IWorkflowStore store, Idempotency idempotency)
{
    /// <summary>
    /// Checks the form against the fund, assigns the file number and starts the fund's workflow; 201 with the case, or
    /// the problem naming the fields. With <paramref name="key"/> (<c>Idempotency-Key</c>) a retry gets the first answer.
    /// </summary>
    public async Task<IResult> SubmitAsync(SubmitApplicationRequest request, Caller caller, string? key, CancellationToken ct)
    {
        // With a key, the instance id is the caller's and the key's: a retry finds the first submission before anything
        // else (the form is checked against today, which may have moved on), and a concurrent one loses at the store.
        var form = JsonSerializer.SerializeToNode(request, FundingVariables.Json);
        var instanceId = key is null ? null : Idempotency.InstanceId("applications", caller.Subject, key);
        if (instanceId is not null && await ReplayAsync(instanceId, form, caller, ct) is { } replayed)
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
            return await ReplayAsync(instanceId, form, caller, ct)
                ?? throw new InvalidOperationException($"Instance '{instanceId}' exists but cannot be read.");
        }

        return Results.Created($"/api/applications/{applicationId}", await desk.DescribeAsync(started.InstanceId, caller, ct));
    }

    /// <summary>The first answer again when the caller's key was used before (or the 422 problem); null when it was not.</summary>
    private async Task<IResult?> ReplayAsync(string instanceId, JsonNode? form, Caller caller, CancellationToken ct)
    {
        if (await store.FindInstanceAsync(instanceId, ct) is not { } existing)
        {
            return null;
        }

        return idempotency.Refusal(existing, Idempotency.Same(existing.State.Input?["form"], form?.DeepClone()))
            ?? Results.Created($"/api/applications/{existing.CorrelationId}", await desk.DescribeAsync(existing.Id, caller, ct));
    }
}
