namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>Cast ballots are stored: a new server on the same database still has them and counts them at closing.</summary>
public sealed class StoredBallotBoxTests
{
    [Fact]
    public async Task BallotsAndConflicts_SurviveANewServerInstance_AndAreCountedAtClosing()
    {
        var folder = Directory.CreateTempSubdirectory("fw-server-restart-").FullName;
        try
        {
            await RunAsync(folder);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // As ServerFactory: Quartz may still touch its file for a moment; the temp folder may stay.
            }
        }
    }

    private static async Task RunAsync(string folder)
    {
        var first = ServerFactory.OnDatabaseIn(folder);
        var before = new FundingApi(first);
        var id = FundingApi.Id(await before.SubmitAsync("traeger"));
        await before.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await before.PostOkAsync("kuf", $"/api/applications/{id}/routing", new { procedure = "Session", meetingAt = first.Clock!.GetUtcNow().AddMinutes(1), agendaItem = "TOP 2" });
        await before.PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "Against" });
        await before.PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });
        await before.PostOkAsync("ausschuss2", $"/api/applications/{id}/votes", new { choice = "For" });
        await before.PostOkAsync("ausschuss3", $"/api/applications/{id}/votes", new { choice = "Against" });
        await before.PostOkAsync("ausschuss3", $"/api/applications/{id}/conflicts", new { reason = "Mitglied im Vorstand des Trägers" });
        await first.DisposeAsync();

        await using var second = ServerFactory.OnDatabaseIn(folder);
        var after = new FundingApi(second);
        var open = Assert.Single(await after.GetListAsync("ausschuss2", "/api/votes"), v => v!["applicationId"]!.GetValue<string>() == id)!;
        Assert.Equal(2, open["ballotsCast"]!.GetValue<int>());
        Assert.Equal("For", open["myChoice"]!.GetValue<string>());

        second.Clock!.Advance(TimeSpan.FromMinutes(2)); // the session has begun: its vote can be counted
        var closed = await after.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { });

        Assert.Equal("AwaitingDecision", FundingApi.Status(closed));
        Assert.Equal("Recommend", closed["resolution"]!["outcome"]!.GetValue<string>());
        Assert.Equal(2, closed["resolution"]!["votesFor"]!.GetValue<int>());
        Assert.Equal(0, closed["resolution"]!["votesAgainst"]!.GetValue<int>());
        Assert.DoesNotContain(await after.GetListAsync("ausschuss", "/api/votes"), v => v!["applicationId"]!.GetValue<string>() == id);
    }
}
