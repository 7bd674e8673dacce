namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>The e-mail the applicant gets when the application goes to the body: a session with time and place, or a written procedure without a session.</summary>
public sealed class AgendaEmailApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task Session_EmailNamesTheTimeAndThePlace()
    {
        var submitted = await api.SubmitAsync("traeger");
        var id = FundingApi.Id(submitted);
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        var meetingAt = new DateTimeOffset(FundingApi.Now().AddDays(5).Date.AddHours(17), TimeSpan.Zero); // 18:00 in Germany in March
        await api.PostOkAsync("kuf", $"/api/applications/{id}/routing", new { procedure = "Session", meetingAt, agendaItem = "TOP 3", place = "Rathaus Herten, Ratssaal" });

        var email = await Mailbox.WaitForAsync(factory, submitted["fileNumber"]!.GetValue<string>(), "beraten");

        Assert.Contains($"Sitzung am {meetingAt:dd.MM.yyyy}, 18:00 Uhr", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Ort der Sitzung: Rathaus Herten, Ratssaal.", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WrittenProcedure_EmailSaysUntilWhenTheMembersVote_AndInvitesToNoSession()
    {
        var submitted = await api.SubmitAsync("traeger");
        var id = FundingApi.Id(submitted);
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.PostOkAsync("kuf", $"/api/applications/{id}/routing", new { procedure = "WrittenProcedure", closingAt = FundingApi.Now().AddDays(10) });

        var email = await Mailbox.WaitForAsync(factory, submitted["fileNumber"]!.GetValue<string>(), "Umlaufverfahren");

        Assert.Contains("schriftlich ab", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Sitzung am", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("eingeladen", email.TextBody, StringComparison.Ordinal);
    }
}
