using System.Net;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>A session's vote is counted in the session, not a week before it; the chair's recorded result may come any time.</summary>
public sealed class SessionVoteApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task CountingBeforeTheSession_IsRefused_SayingWhenItBegins_AndChangesNothing()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        // Monday 18:00 in Germany (CET in March), a week ahead of the test clock's Monday morning.
        var meetingAt = new DateTimeOffset(FundingApi.Now().AddDays(7).Date.AddHours(17), TimeSpan.Zero);
        await api.PostOkAsync("kuf", $"/api/applications/{id}/routing", new { procedure = "Session", meetingAt, agendaItem = "TOP 3" });
        await api.PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("ausschuss2", $"/api/applications/{id}/votes", new { choice = "For" });

        var early = await api.PostAsync("kuf", $"/api/applications/{id}/vote-closing", new { });

        await FundingApi.ExpectAsync(HttpStatusCode.Conflict, early);
        var message = (await FundingApi.ReadAsync(early))["errors"]!["outcome"]![0]!.GetValue<string>();
        Assert.Contains($"Die Sitzung beginnt erst am {meetingAt:dd.MM.yyyy}, 18:00 Uhr", message, StringComparison.Ordinal);
        var unchanged = await api.GetOkAsync("kuf", $"/api/applications/{id}");
        Assert.Equal("InVote", FundingApi.Status(unchanged));
        var open = Assert.Single(await api.GetListAsync("ausschuss", "/api/votes"), v => v!["applicationId"]!.GetValue<string>() == id)!;
        Assert.Equal(2, open["ballotsCast"]!.GetValue<int>());
    }

    [Fact]
    public async Task ChairsResult_MayBeRecordedBeforeTheScheduledTime()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.PostOkAsync("kuf", $"/api/applications/{id}/routing", new { procedure = "Session", meetingAt = FundingApi.Now().AddDays(7), agendaItem = "TOP 3" });

        var recorded = await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { outcome = "Recommend", minutes = "Sitzung auf heute vorgezogen; einstimmig empfohlen." });

        Assert.Equal("AwaitingDecision", FundingApi.Status(recorded));
    }
}
