using System.Net;
using UglyToad.PdfPig;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>The committee's minutes are for the KuF, the office and the body; the applicant reads the outcome and the conditions.</summary>
public sealed class MinutesApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task Minutes_NameMembersByName_WithDateAndAgendaItem_AndStayHiddenFromTheApplicant()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.InSessionAsync(id, "TOP 5");
        await api.PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("ausschuss2", $"/api/applications/{id}/votes", new { choice = "Abstain" });
        await api.PostOkAsync("ausschuss3", $"/api/applications/{id}/conflicts", new { reason = "Vorstand im antragstellenden Verein" });
        await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { });

        var minutes = (await api.GetOkAsync("kuf", $"/api/applications/{id}"))["resolution"]!["minutes"]!.GetValue<string>();
        var seenByApplicant = (await api.GetOkAsync("traeger", $"/api/applications/{id}"))["resolution"]!;

        Assert.StartsWith("Beschluss vom ", minutes, StringComparison.Ordinal);
        Assert.Contains("(Sitzung, TOP 5)", minutes, StringComparison.Ordinal);
        Assert.Contains("Demo-Mitglied 1", minutes, StringComparison.Ordinal);
        Assert.DoesNotContain("ausschuss", minutes, StringComparison.Ordinal);
        Assert.Contains("1 dafür, 0 dagegen, 1 Enthaltung.", minutes, StringComparison.Ordinal);
        Assert.Equal("Recommend", seenByApplicant["outcome"]!.GetValue<string>());
        Assert.Null(seenByApplicant["minutes"]);
        Assert.Null(seenByApplicant["votesFor"]);
    }

    [Fact]
    public async Task MinutesPdf_ShowsAttendanceConflictAndResult_ForKufAndMembersOnly()
    {
        var submitted = await api.SubmitAsync("traeger");
        var id = FundingApi.Id(submitted);
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.InSessionAsync(id, "TOP 7");
        await api.PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("ausschuss2", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("ausschuss3", $"/api/applications/{id}/conflicts", new { reason = "Vorstand im antragstellenden Verein" });
        await FundingApi.ExpectAsync(HttpStatusCode.NotFound, await api.GetAsync("kuf", $"/api/applications/{id}/minutes"));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { });

        var response = await api.GetAsync("ausschuss", $"/api/applications/{id}/minutes");

        await FundingApi.ExpectAsync(HttpStatusCode.OK, response);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
        var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Where(w => w.BoundingBox.Bottom > 50).Select(w => w.Text));
        Assert.Contains(submitted["fileNumber"]!.GetValue<string>(), text, StringComparison.Ordinal);
        Assert.Contains("TOP 7", text, StringComparison.Ordinal);
        Assert.Contains("Vorstand im antragstellenden Verein", text, StringComparison.Ordinal);
        Assert.Contains("Empfehlung zur Förderung.", text, StringComparison.Ordinal);
        await FundingApi.ExpectAsync(HttpStatusCode.OK, await api.GetAsync("kuf", $"/api/applications/{id}/minutes"));
        await FundingApi.ExpectAsync(HttpStatusCode.Forbidden, await api.GetAsync("traeger", $"/api/applications/{id}/minutes"));
        await FundingApi.ExpectAsync(HttpStatusCode.Forbidden, await api.GetAsync("amt", $"/api/applications/{id}/minutes"));
    }

    [Fact]
    public async Task AgendaPdf_ListsTheApplicationAwaitingTheVote_WithItsAgendaItem_NotForTheApplicant()
    {
        var submitted = await api.SubmitAsync("traeger");
        var id = FundingApi.Id(submitted);
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.InSessionAsync(id, "TOP 9");

        foreach (var reader in new[] { "kuf", "ausschuss" })
        {
            var response = await api.GetAsync(reader, "/api/committee/agenda");
            await FundingApi.ExpectAsync(HttpStatusCode.OK, response);
            using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
            var text = string.Join(' ', pdf.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text));
            Assert.Contains("Tagesordnung", text, StringComparison.Ordinal);
            Assert.Contains($"TOP 9 {submitted["fileNumber"]!.GetValue<string>()}", text, StringComparison.Ordinal);
        }

        await FundingApi.ExpectAsync(HttpStatusCode.Forbidden, await api.GetAsync("traeger", "/api/committee/agenda"));
    }
}
