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
using Foerderworkflow.Casework;

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

        applications.MapPost("/{applicationId}/resubmission", (string applicationId, ResubmissionRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.ResubmitAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Nachforderung beantworten (optional mit geändertem Titel, Projektende oder Kosten- und Finanzierungsplan).");

        applications.MapPost("/{applicationId}/grant-acceptance", (string applicationId, GrantAcceptanceRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.AcceptGrantAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Zuwendung annehmen (Vereinbarung unterschrieben) oder auf Widerspruch verzichten.");

        applications.MapPost("/{applicationId}/proof-of-use", (string applicationId, ProofOfUseRequest request, ClaimsPrincipal user, [FromServices] StepDesk steps, CancellationToken ct) =>
                steps.SubmitProofOfUseAsync(applicationId, request, Caller.From(user), ct))
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Verwendungsnachweis einreichen: Sachbericht und tatsächliche Ausgaben.");
    }

    private static async Task<IResult> SubmitAsync(SubmitApplicationRequest request, ClaimsPrincipal user, HttpRequest http, [FromServices] ApplicationIntake intake, CancellationToken ct)
    {
        var (key, badKey) = Idempotency.Read(http);
        return badKey ?? await intake.SubmitAsync(request, Caller.From(user), key, ct);
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
