using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>Attachments through the HTTP API on the embedded default (SQLite).</summary>
public sealed class AttachmentApiTests(ServerFactory factory) : AttachmentApiScenarios(factory), IClassFixture<ServerFactory>;

/// <summary>The same on PostgreSQL (bytea, row lock for the count).</summary>
public sealed class AttachmentApiPostgreSqlTests(PostgreSqlServerFactory factory) : AttachmentApiScenarios(factory), IClassFixture<PostgreSqlServerFactory>;

/// <summary>Attachments through the HTTP API: upload, list, download, refusals and who may read.</summary>
public abstract class AttachmentApiScenarios(ServerFactory factory)
{
    private static readonly byte[] Pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n%%EOF");

    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task Applicant_UploadsListsAndDownloads_TheOwnAttachment()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));

        var created = await UploadAsync("traeger", id, Pdf, "application/pdf", "../Kosten plan.PDF");
        await FundingApi.ExpectAsync(HttpStatusCode.Created, created);
        var attachment = await FundingApi.ReadAsync(created);
        Assert.Equal("Kosten plan.pdf", attachment["fileName"]!.GetValue<string>());
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), attachment["sha256"]!.GetValue<string>());
        Assert.Equal("traeger", attachment["uploadedBy"]!.GetValue<string>());
        var location = created.Headers.Location!.ToString();

        var list = await api.GetListAsync("traeger", $"/api/applications/{id}/attachments");
        Assert.Equal(attachment["attachmentId"]!.GetValue<string>(), Assert.Single(list)!["attachmentId"]!.GetValue<string>());

        var download = await api.GetAsync("traeger", location);
        await FundingApi.ExpectAsync(HttpStatusCode.OK, download);
        Assert.Equal(Pdf, await download.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", download.Content.Headers.ContentType!.MediaType);
        Assert.Equal("Kosten plan.pdf", download.Content.Headers.ContentDisposition!.FileNameStar ?? download.Content.Headers.ContentDisposition.FileName);
        Assert.Equal("nosniff", Assert.Single(download.Headers.GetValues("X-Content-Type-Options")));

        foreach (var staff in new[] { "kuf", "amt", "admin" })
        {
            Assert.Single(await api.GetListAsync(staff, $"/api/applications/{id}/attachments"));
            await FundingApi.ExpectAsync(HttpStatusCode.OK, await api.GetAsync(staff, location));
        }
    }

    [Fact]
    public async Task AnotherApplicant_GetsNotFound_ForEveryAttachmentCall()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        var created = await FundingApi.ReadAsync(await UploadAsync("traeger", id, Pdf, "application/pdf", "a.pdf"));

        await FundingApi.ExpectAsync(HttpStatusCode.NotFound, await api.GetAsync("traeger2", $"/api/applications/{id}/attachments"));
        await FundingApi.ExpectAsync(HttpStatusCode.NotFound, await api.GetAsync("traeger2", $"/api/applications/{id}/attachments/{created["attachmentId"]}"));
        await FundingApi.ExpectAsync(HttpStatusCode.NotFound, await UploadAsync("traeger2", id, Pdf, "application/pdf", "b.pdf"));
        await FundingApi.ExpectAsync(HttpStatusCode.NotFound, await api.GetAsync("traeger", $"/api/applications/{id}/attachments/gibt-es-nicht"));
        Assert.Single(await api.GetListAsync("traeger", $"/api/applications/{id}/attachments"));
    }

    [Fact]
    public async Task WrongTypeDisguisedBytesTooLargeOrNoFile_Are400NamingTheFile_AndStoreNothing()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));

        await ExpectFileProblemAsync(await UploadAsync("traeger", id, Encoding.ASCII.GetBytes("<html>"), "text/html", "seite.html"), "nicht erlaubt");
        await ExpectFileProblemAsync(await UploadAsync("traeger", id, Encoding.ASCII.GetBytes("MZ\x90\0\x03"), "application/pdf", "rechnung.pdf"), "kein PDF");
        var large = new byte[(10 * 1024 * 1024) + 1];
        Pdf.CopyTo(large, 0);
        await ExpectFileProblemAsync(await UploadAsync("traeger", id, large, "application/pdf", "gross.pdf"), "höchstens 10 MB");
        await ExpectFileProblemAsync(await api.PostAsync("traeger", $"/api/applications/{id}/attachments", new { }), "multipart/form-data");

        Assert.Empty(await api.GetListAsync("traeger", $"/api/applications/{id}/attachments"));
    }

    [Fact]
    public async Task CommitteeMembers_ReadAttachments_OnlyWhileTheirBodyVotes()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await FundingApi.ExpectAsync(HttpStatusCode.Created, await UploadAsync("traeger", id, Pdf, "application/pdf", "konzept.pdf"));
        await FundingApi.ExpectAsync(HttpStatusCode.NotFound, await api.GetAsync("ausschuss", $"/api/applications/{id}/attachments"));

        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.InSessionAsync(id, "TOP 5");
        var during = await api.GetListAsync("ausschuss2", $"/api/applications/{id}/attachments");
        await FundingApi.ExpectAsync(HttpStatusCode.OK, await api.GetAsync("ausschuss2", $"/api/applications/{id}/attachments/{Assert.Single(during)!["attachmentId"]}"));

        await api.PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("ausschuss2", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { });
        await FundingApi.ExpectAsync(HttpStatusCode.NotFound, await api.GetAsync("ausschuss", $"/api/applications/{id}/attachments"));
    }

    private async Task<HttpResponseMessage> UploadAsync(string user, string applicationId, byte[] bytes, string contentType, string fileName)
    {
        using var content = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        content.Add(file, "file", fileName);
        return await (await api.AsAsync(user)).PostAsync(new Uri($"/api/applications/{applicationId}/attachments", UriKind.Relative), content);
    }

    private static async Task ExpectFileProblemAsync(HttpResponseMessage response, string fragment)
    {
        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, response);
        var problem = await FundingApi.ReadAsync(response);
        var message = Assert.Single(problem["errors"]!["file"]!.AsArray())!.GetValue<string>();
        Assert.Contains(fragment, message, StringComparison.Ordinal);
    }
}
