using System.Net;
using System.Security.Cryptography;
using MimeKit;
using UglyToad.PdfPig;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// A decision issues its Bescheid: listed with number and hash, downloadable as the PDF that was issued (applicants
/// only their own), attached to the decision's e-mail, with the fund's Belehrung in both.
/// </summary>
public sealed class DocumentApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task Approval_IssuesTheZuwendungsbescheid_ListedWithItsHash_AndDownloadedAsPdfByApplicantKufAndOffice()
    {
        var id = await api.UpToDecisionAsync();
        var fileNumber = (await api.GetOkAsync("traeger", $"/api/applications/{id}"))["fileNumber"]!.GetValue<string>();
        await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_250m, deviationReason = "Raummiete anteilig.", conditions = new[] { "Logo der Partnerschaft verwenden" } });

        var document = Assert.Single(await api.GetListAsync("traeger", $"/api/applications/{id}/documents"))!.AsObject();
        Assert.Equal("GrantDecision", document["kind"]!.GetValue<string>());
        Assert.Equal("Zuwendungsbescheid", document["title"]!.GetValue<string>());
        Assert.Equal($"{fileNumber}/ZB1", document["number"]!.GetValue<string>());
        Assert.Null(document["replaces"]);
        Assert.Null(document["retrievedAt"]);
        var documentId = document["documentId"]!.GetValue<string>();

        var response = await api.GetAsync("traeger", $"/api/applications/{id}/documents/{documentId}");
        await FundingApi.ExpectAsync(HttpStatusCode.OK, response);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(document["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(pdf)));
        var text = Text(pdf);
        Assert.Contains($"Aktenzeichen: {fileNumber}", text, StringComparison.Ordinal);
        Assert.Contains("eine Zuwendung in Höhe von 1.250,00 €", text, StringComparison.Ordinal);
        Assert.Contains("Logo der Partnerschaft verwenden", text, StringComparison.Ordinal);
        Assert.Contains("Klage bei dem Verwaltungsgericht Gelsenkirchen, Bahnhofsvorplatz 3, 45879 Gelsenkirchen", text, StringComparison.Ordinal);

        // The applicant's download is the portal retrieval (§ 41 (2a) VwVfG); staff see the same bytes and record nothing.
        Assert.NotNull(Assert.Single(await api.GetListAsync("kuf", $"/api/applications/{id}/documents"))!["retrievedAt"]);
        foreach (var staff in new[] { "kuf", "amt" })
        {
            var read = await api.GetAsync(staff, $"/api/applications/{id}/documents/{documentId}");
            await FundingApi.ExpectAsync(HttpStatusCode.OK, read);
            Assert.Equal(pdf, await read.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Documents_OfAnotherApplicant_Answer404()
    {
        var id = await api.UpToDecisionAsync();
        await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });
        var documentId = Assert.Single(await api.GetListAsync("amt", $"/api/applications/{id}/documents"))!["documentId"]!.GetValue<string>();

        await FundingApi.ExpectAsync(HttpStatusCode.NotFound, await api.GetAsync("traeger2", $"/api/applications/{id}/documents"));
        await FundingApi.ExpectAsync(HttpStatusCode.NotFound, await api.GetAsync("traeger2", $"/api/applications/{id}/documents/{documentId}"));
        await FundingApi.ExpectAsync(HttpStatusCode.NotFound, await api.GetAsync("traeger", $"/api/applications/{id}/documents/gibt-es-nicht"));
        Assert.Null(Assert.Single(await api.GetListAsync("amt", $"/api/applications/{id}/documents"))!["retrievedAt"]);
    }

    [Fact]
    public async Task ApprovalEmail_CarriesTheIssuedPdf_AndTheFundsBelehrung()
    {
        var id = await api.UpToDecisionAsync();
        var fileNumber = (await api.GetOkAsync("traeger", $"/api/applications/{id}"))["fileNumber"]!.GetValue<string>();
        await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });

        var email = await Mailbox.WaitForAsync(factory, fileNumber, "Bewilligung");

        var attachment = Assert.Single(email.Attachments.OfType<MimePart>());
        Assert.Equal("application/pdf", attachment.ContentType.MimeType);
        Assert.Equal($"Zuwendungsbescheid {fileNumber}-ZB1.pdf", attachment.FileName);
        using var bytes = new MemoryStream();
        await attachment.Content!.DecodeToAsync(bytes);
        var listed = Assert.Single(await api.GetListAsync("amt", $"/api/applications/{id}/documents"))!;
        Assert.Equal(listed["sha256"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(bytes.ToArray())));
        Assert.Contains("Rechtsbehelfsbelehrung", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Klage bei dem Verwaltungsgericht Gelsenkirchen", email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"Der Zuwendungsbescheid liegt dieser E-Mail als PDF bei (Zuwendungsbescheid {fileNumber}-ZB1.pdf).", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rejection_IssuesTheAblehnungsbescheid_AndItsEmailNamesTheActionNotTheObjection()
    {
        var id = await api.UpToDecisionAsync();
        var fileNumber = (await api.GetOkAsync("traeger", $"/api/applications/{id}"))["fileNumber"]!.GetValue<string>();
        await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Reject", reasons = new[] { "Kein Bezug zu den Zielen der Partnerschaft." } });

        var email = await Mailbox.WaitForAsync(factory, fileNumber, "Ablehnung");
        Assert.Contains("Klage bei dem Verwaltungsgericht Gelsenkirchen", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Widerspruch erhoben", email.TextBody, StringComparison.Ordinal);
        var document = Assert.Single(await api.GetListAsync("traeger", $"/api/applications/{id}/documents"))!;
        Assert.Equal("RejectionDecision", document["kind"]!.GetValue<string>());
        var pdf = await (await api.GetAsync("traeger", $"/api/applications/{id}/documents/{document["documentId"]!.GetValue<string>()}")).Content.ReadAsByteArrayAsync();
        Assert.Contains("Kein Bezug zu den Zielen der Partnerschaft.", Text(pdf), StringComparison.Ordinal);
    }

    private static string Text(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);

        // Words of every page without the footer line (below 50 pt), so a sentence over a page break reads as one.
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Where(w => w.BoundingBox.Bottom > 50).Select(w => w.Text));
    }
}
