using System.Net;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>The retention run is an administrator's act; on a fresh store nothing has ended ten years ago.</summary>
public sealed class RetentionApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task RetentionRun_AsAdmin_ReportsTheCutOff_AndErasesNothingRecent()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await api.PostOkAsync("traeger", $"/api/applications/{id}/withdrawal", new { reason = "Fällt aus" });

        var run = await api.PostOkAsync("admin", "/api/funding/retention-runs", new { });

        Assert.Equal(0, run["erased"]!.GetValue<int>());
        Assert.Equal(FundingApi.Now().Year - 10, run["endedBefore"]!.GetValue<DateTimeOffset>().AddDays(1).Year);
        Assert.Equal("Withdrawn", FundingApi.Status(await api.GetOkAsync("traeger", $"/api/applications/{id}")));
        await FundingApi.ExpectAsync(HttpStatusCode.Forbidden, await api.PostAsync("amt", "/api/funding/retention-runs", new { }));
    }
}
