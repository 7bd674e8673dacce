using System.Net;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>A double click, or two colleagues at once: one completes the step, the others are told so in German.</summary>
public sealed class ConcurrentStepApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task SameStepTwentyTimesAtOnce_OneCompletesIt_TheOthersHearInGermanThatItIsDone()
    {
        var submitted = await api.SubmitAsync("traeger");
        var id = FundingApi.Id(submitted);
        await api.AsAsync("kuf");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => api.PostAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" })));

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.OK);
        foreach (var refused in answers.Where(a => a.StatusCode != HttpStatusCode.OK))
        {
            Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
            var detail = (await FundingApi.ReadAsync(refused))["detail"]!.GetValue<string>();
            Assert.Contains(submitted["fileNumber"]!.GetValue<string>(), detail, StringComparison.Ordinal);
            Assert.DoesNotContain("Lesezeichen", detail, StringComparison.Ordinal);
            Assert.DoesNotContain("bookmark", detail, StringComparison.OrdinalIgnoreCase);
        }
    }
}
