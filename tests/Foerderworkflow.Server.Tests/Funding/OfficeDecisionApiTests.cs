using System.Net;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>The office may deviate from the committee's vote or approve less than requested, but only with a written reason it records.</summary>
public sealed class OfficeDecisionApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task Approve_AfterTheCommitteeRejected_NeedsAReason_WhichTheDecisionAndTheKufShow()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.InSessionAsync(id, "TOP 2");
        await api.PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("ausschuss2", $"/api/applications/{id}/votes", new { choice = "Against" });
        var closed = await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { });
        Assert.Equal("Reject", closed["resolution"]!["outcome"]!.GetValue<string>());

        var refused = await api.PostAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });
        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, refused);
        Assert.NotNull((await FundingApi.ReadAsync(refused))["errors"]!["deviationReason"]);

        const string reason = "Das Projekt schließt eine Lücke im Stadtteil; die Bedenken zur Raummiete sind ausgeräumt.";
        var approved = await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m, deviationReason = reason });
        Assert.Equal(reason, approved["decision"]!["deviationReason"]!.GetValue<string>());
        Assert.Equal("Reject", approved["decision"]!["recommendation"]!.GetValue<string>());
        var seenByKuf = await api.GetOkAsync("kuf", $"/api/applications/{id}");
        Assert.Equal(reason, seenByKuf["decision"]!["deviationReason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Approve_LessThanRequested_NeedsAReason()
    {
        var id = await api.UpToDecisionAsync();

        var refused = await api.PostAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 0.99m });
        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, refused);
        Assert.NotNull((await FundingApi.ReadAsync(refused))["errors"]!["deviationReason"]);

        var approved = await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_000m, deviationReason = "Die Raummiete trägt die Stadt." });
        Assert.Equal(1_000m, approved["decision"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("Recommend", approved["decision"]!["recommendation"]!.GetValue<string>());
    }

    [Fact]
    public async Task Approve_AsRecommendedAndRequested_NeedsNoReason()
    {
        var id = await api.UpToDecisionAsync();

        var approved = await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });

        Assert.Null(approved["decision"]!["deviationReason"]);
    }
}
