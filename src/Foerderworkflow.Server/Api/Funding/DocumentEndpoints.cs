using System.Globalization;
using System.Security.Claims;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;

using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// The documents (Bescheide) a case issued, exactly as issued: the applicant reads their own (another's answers 404, as
/// every funding read), KuF, the office and admins read every application's. An applicant's download is recorded as
/// the retrieval that notifies a document made known through the portal (§ 41 (2a) VwVfG); staff downloads are not.
/// A portal Bescheid not retrieved within ten days gives the office a task; it answers with how and when it made the
/// Bescheid known instead (<c>POST …/documents/notification</c>).
/// </summary>
internal static class DocumentEndpoints
{
    private static readonly string[] ReaderRoles = [Roles.Applicant, Roles.CoordinationOffice, Roles.LeadOffice, Roles.Admin];

    public static void Map(RouteGroupBuilder applications)
    {
        applications.MapGet("/{applicationId}/documents", async (string applicationId, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, [FromServices] DocumentStore store, CancellationToken ct) =>
                await desk.FindAsync(applicationId, Caller.From(user), ct) is null
                    ? ApplicationDesk.NotFound(applicationId)
                    : Results.Ok((await store.ListAsync(applicationId, ct)).Select(DocumentResponse.From)))
            .RequireAuthorization(policy => policy.RequireRole(ReaderRoles))
            .WithSummary("Bescheide eines Antrags auflisten: Nummer, Art, Ausstellungszeit, SHA-256, ersetztes Dokument (Antragsteller nur eigene).");

        applications.MapGet("/{applicationId}/documents/{documentId}", DownloadAsync)
            .RequireAuthorization(policy => policy.RequireRole(ReaderRoles))
            .WithSummary("Einen Bescheid als PDF herunterladen, unverändert wie ausgestellt; der Abruf durch den Antragsteller gilt als Abruf nach § 41 Abs. 2a VwVfG.");

        applications.MapPost("/{applicationId}/documents/notification", NotifyOtherwiseAsync)
            .RequireAuthorization(Policies.LeadOffice)
            .WithSummary("Nicht abgerufenen Bescheid auf anderem Weg bekannt gegeben: per Post (Standard) oder elektronisch, am Tag sentOn (Standard: heute).");
    }

    private static async Task<IResult> NotifyOtherwiseAsync(
        string applicationId, NotificationRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, [FromServices] WorkflowRuntime runtime, CancellationToken ct)
    {
        if (request.Validate() is { } invalid)
        {
            return invalid;
        }

        var caller = Caller.From(user);
        if (await desk.FindAsync(applicationId, caller, ct) is not { } file)
        {
            return ApplicationDesk.NotFound(applicationId);
        }

        // The office's task beside the applicant's, told apart by its role.
        if (file.OpenTasks.FirstOrDefault(t => t.Step == FundingSteps.GrantAcceptance && t.AssigneeRole == FundingTaskActivity.OfficeRole) is not { } task)
        {
            return Results.Problem(
                statusCode: StatusCodes.Status409Conflict, title: "Aktion im aktuellen Status nicht möglich",
                detail: $"Zum Antrag {file.Application.FileNumber} wartet kein nicht abgerufener Bescheid darauf, auf anderem Weg bekannt gegeben zu werden.");
        }

        try
        {
            await runtime.ResumeAsync(task.TaskId, request.ToInput(), caller.Actor, request: null, ct);
        }
        catch (BookmarkAlreadyConsumedException)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Schritt bereits erledigt", detail: "Die Bekanntgabe wurde gerade schon erfasst.");
        }

        return Results.Ok(await desk.DescribeAsync(file.Instance.Id, caller, ct));
    }

    private static async Task<IResult> DownloadAsync(
        string applicationId, string documentId, HttpContext http, [FromServices] ApplicationDesk desk, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (await desk.FindAsync(applicationId, caller, ct) is null)
        {
            return ApplicationDesk.NotFound(applicationId);
        }

        var found = documentId.Length > 200 ? null
            : await http.RequestServices.GetRequiredService<ApplicantDocuments>().ReadAsync(applicationId, documentId, caller.SeesOnlyOwnApplications, ct);
        if (found is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nicht gefunden", detail: "Dieses Dokument gibt es zu diesem Antrag nicht.");
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(found.Value.Content, "application/pdf", found.Value.Info.FileName);
    }
}

/// <summary>A document as the API lists it (without its bytes); <c>replaces</c> is the id of the document it corrects.</summary>
internal sealed record DocumentResponse(
    string DocumentId, string Number, string Kind, string Title, DateTimeOffset IssuedAt, string Sha256, string? Replaces, string NotificationPath, long Size,
    DateTimeOffset? RetrievedAt, string Download)
{
    public static DocumentResponse From(DocumentInfo info) => new(
        info.Id, info.Number, info.Kind, Enum.TryParse<Foerderworkflow.Funding.Documents.DocumentKind>(info.Kind, out var kind) ? Foerderworkflow.Funding.Documents.DocumentNumbers.Title(kind) : info.Kind,
        info.IssuedAt, info.Sha256, info.Replaces, info.NotificationPath, info.Size, info.RetrievedAt, $"/api/applications/{info.ApplicationId}/documents/{info.Id}");
}

/// <summary><c>path</c>: <c>Post</c> (default) or <c>Electronic</c>; <c>sentOn</c>: the day it was posted or sent (ISO date, default today).</summary>
internal sealed record NotificationRequest(string? Path, string? SentOn)
{
    public IResult? Validate()
    {
        if (Path is not (null or "Post" or "Electronic"))
        {
            return RequestErrors.Problem("path", "Erlaubt sind „Post“ oder „Electronic“.");
        }

        return SentOn is null || DateOnly.TryParseExact(SentOn, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _)
            ? null
            : RequestErrors.Problem("sentOn", "Bitte ein Datum im Format JJJJ-MM-TT angeben, z. B. 2026-05-15.");
    }

    public JsonObject ToInput() => new() { ["outcome"] = GrantAcceptanceActivity.NotifiedOtherwise, ["path"] = Path ?? "Post", ["sentOn"] = SentOn };
}
