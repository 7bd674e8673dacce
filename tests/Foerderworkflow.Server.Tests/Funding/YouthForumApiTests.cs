using System.Net;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>The Jugendforum votes with its own roster, not with the Begleitausschuss's members.</summary>
public sealed class YouthForumApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task YouthFund_VoteOfTheJugendforum_TakesItsOwnMembers_NotTheBegleitausschuss()
    {
        var form = FundingApi.Form("Jugendcafé-Abend", requested: 800m);
        form["fundId"] = "herten-jf";
        var id = FundingApi.Id(await api.SubmitAsync("traeger", form));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.InSessionAsync(id, "TOP 1");

        await FundingApi.ExpectAsync(HttpStatusCode.Forbidden, await api.PostAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" }));
        Assert.DoesNotContain(await api.GetListAsync("ausschuss", "/api/votes"), v => v!["applicationId"]!.GetValue<string>() == id);
        await api.PostOkAsync("jugendforum", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("jugendforum2", $"/api/applications/{id}/votes", new { choice = "For" });
        var closed = await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { });

        Assert.Equal("Recommend", closed["resolution"]!["outcome"]!.GetValue<string>());
        Assert.Contains("Demo-Jugendforum 1", closed["resolution"]!["minutes"]!.GetValue<string>(), StringComparison.Ordinal);
    }
}
