using System.Security.Claims;
using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// The documents (Bescheide) a case issued, exactly as issued: the applicant reads their own (another's answers 404, as
/// every funding read), KuF, the office and admins read every application's. An applicant's download is recorded as
/// the retrieval that notifies a document made known through the portal (§ 41 (2a) VwVfG); staff downloads are not.
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
    }

    private static async Task<IResult> DownloadAsync(
        string applicationId, string documentId, HttpContext http, [FromServices] ApplicationDesk desk, [FromServices] DocumentStore store, CancellationToken ct)
    {
        var caller = Caller.From(http.User);
        if (await desk.FindAsync(applicationId, caller, ct) is null)
        {
            return ApplicationDesk.NotFound(applicationId);
        }

        if (documentId.Length > 200 || await store.RetrieveAsync(applicationId, documentId, byApplicant: caller.SeesOnlyOwnApplications, ct) is not { } found)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nicht gefunden", detail: "Dieses Dokument gibt es zu diesem Antrag nicht.");
        }

        http.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.File(found.Content, "application/pdf", found.Info.FileName);
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
