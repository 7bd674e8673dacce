using System.Security.Claims;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Applications;
using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// Attachments of an application: the applicant uploads (multipart, field <c>file</c>) and reads their own; KuF, the
/// office and admins read every application's; a committee member reads those of an application while it is put to
/// the vote of a body they sit on (or deputise in). Anyone else's application answers 404, as the other funding reads.
/// </summary>
internal static class AttachmentEndpoints
{
    private static readonly string[] ReaderRoles = [Roles.Applicant, Roles.CoordinationOffice, Roles.LeadOffice, Roles.Admin, Roles.CommitteeMember];

    public static void Map(RouteGroupBuilder applications)
    {
        applications.MapPost("/{applicationId}/attachments", UploadAsync)
            .RequireAuthorization(Policies.Applicant)
            .WithSummary("Anhang hochladen (multipart/form-data, Feld „file“): PDF, JPEG, PNG, DOCX, XLSX, ODT oder ODS, höchstens 10 MB, höchstens 20 je Antrag.");

        applications.MapGet("/{applicationId}/attachments", async (string applicationId, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, [FromServices] CommitteeRosters rosters, [FromServices] AttachmentStore store, CancellationToken ct) =>
                await MayReadAsync(applicationId, Caller.From(user), desk, rosters, ct)
                    ? Results.Ok((await store.ListAsync(applicationId, ct)).Select(AttachmentResponse.From))
                    : ApplicationDesk.NotFound(applicationId))
            .RequireAuthorization(policy => policy.RequireRole(ReaderRoles))
            .WithSummary("Anhänge eines Antrags auflisten (Antragsteller nur eigene, Ausschussmitglieder während der Abstimmung).");

        applications.MapGet("/{applicationId}/attachments/{attachmentId}", DownloadAsync)
            .RequireAuthorization(policy => policy.RequireRole(ReaderRoles))
            .WithSummary("Einen Anhang herunterladen.");
    }

    private static async Task<IResult> UploadAsync(
        string applicationId, HttpRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, [FromServices] AttachmentStore store, CancellationToken ct)
    {
        var caller = Caller.From(user);
        if (await desk.FindAsync(applicationId, caller, ct) is null)
        {
            return ApplicationDesk.NotFound(applicationId);
        }

        // Read by hand rather than bound as IFormFile: the API is called with bearer tokens, not browser forms.
        if (!request.HasFormContentType)
        {
            return RequestErrors.Problem(AttachmentRules.FileField, "Bitte die Datei als multipart/form-data im Feld „file“ senden.");
        }

        var form = await request.ReadFormAsync(ct);
        if (form.Files.GetFile(AttachmentRules.FileField) is not { } file)
        {
            return RequestErrors.Problem(AttachmentRules.FileField, "Angabe fehlt: keine Datei im Feld „file“.");
        }

        if (file.Length > AttachmentRules.MaxBytes)
        {
            // Refused before the bytes are read into memory.
            var (_, errors) = AttachmentRules.Validate(file.ContentType, [], file.Length, existing: 0);
            return RequestErrors.Problem(errors);
        }

        using var buffer = new MemoryStream((int)file.Length);
        await file.CopyToAsync(buffer, ct);
        var stored = await store.AddAsync(applicationId, file.FileName, file.ContentType, buffer.ToArray(), caller.Subject, ct);
        return Results.Created($"/api/applications/{applicationId}/attachments/{stored.Id}", AttachmentResponse.From(stored));
    }

    private static async Task<IResult> DownloadAsync(
        string applicationId, string attachmentId, HttpContext http, [FromServices] ApplicationDesk desk, [FromServices] CommitteeRosters rosters, [FromServices] AttachmentStore store, CancellationToken ct)
    {
        if (!await MayReadAsync(applicationId, Caller.From(http.User), desk, rosters, ct))
        {
            return ApplicationDesk.NotFound(applicationId);
        }

        if (attachmentId.Length > 100 || await store.FindAsync(applicationId, attachmentId, ct) is not { } found)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nicht gefunden", detail: "Diesen Anhang gibt es zu diesem Antrag nicht.");
        }

        // Served as a download of the checked type only: a browser must not guess another type from the bytes.
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(found.Content, found.Info.ContentType, found.Info.FileName);
    }

    /// <summary>Applicants their own case, staff every case, committee members a case their body is voting on.</summary>
    private static async Task<bool> MayReadAsync(string applicationId, Caller caller, ApplicationDesk desk, CommitteeRosters rosters, CancellationToken ct)
    {
        if (await desk.FindAsync(applicationId, caller, ct) is not { } file)
        {
            return false;
        }

        if (caller.IsStaff || caller.IsApplicant)
        {
            return true;
        }

        return file.TaskFor(FundingSteps.CommitteeVote) is not null
            && file.Read<RoutingState>(FundingVariables.Routing) is { } routing
            && rosters.IsMember(routing.Body, caller.Subject);
    }
}
