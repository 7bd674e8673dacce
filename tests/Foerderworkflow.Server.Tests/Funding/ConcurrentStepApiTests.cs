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
            // Whether it lost inside the commit or came after it: it is told who did the step, and when.
            Assert.Matches(@"hat (gerade )?kuf (am \d\d\.\d\d\.\d{4}, \d\d:\d\d Uhr erledigt|erledigt \(am )", detail);
        }
    }

    [Fact]
    public async Task EveryStepDoneInThePortal_IsJournaledWithWhoDidIt()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });

        var found = (await api.GetOkAsync("admin", $"/api/workflow-instances?correlationId={id}"))["items"]!.AsArray();
        var instanceId = Assert.Single(found)!["id"]!.GetValue<string>();
        var journal = (await api.GetOkAsync("admin", $"/api/workflow-instances/{instanceId}"))["journal"]!.AsArray();

        var review = Assert.Single(journal, e => e!["activityId"]!.GetValue<string>() == "formalReview" && e["outcome"]!.GetValue<string>() == "ToDecision")!;
        Assert.Equal("kuf", review["actor"]!.GetValue<string>());
        Assert.All(journal.Where(e => e!["activityId"]!.GetValue<string>() == "submit"), e => Assert.Null(e!["actor"]));
    }
}
