namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>The applicant hears of every step that concerns them: a refused change, a deferred vote, a received proof of use.</summary>
public sealed class ApplicantEmailApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task ChangeRefused_EmailGivesTheReasons_AndTheAppealInformation()
    {
        var submitted = await api.SubmitAsync("traeger");
        var id = FundingApi.Id(submitted);
        await UpToVoteAsync(id);
        await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { outcome = "Recommend" });
        await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });
        await api.PostOkAsync("traeger", $"/api/applications/{id}/grant-acceptance", new { outcome = "AgreementSigned", signedBy = "Aylin Demir" });
        await api.PostOkAsync("traeger", $"/api/applications/{id}/change-requests", new
        {
            reason = "Catering für alle Abende",
            costLines = new[] { new { description = "Honorar Moderation", amount = 900m }, new { description = "Raummiete", amount = 600m } },
        });

        await api.PostOkAsync("amt", $"/api/applications/{id}/change-review", new { outcome = "Rejected", reasons = new[] { "Bewirtung ist nicht förderfähig." } });

        var email = await Mailbox.WaitForAsync(factory, submitted["fileNumber"]!.GetValue<string>(), "nicht genehmigt");
        Assert.Contains("- Bewirtung ist nicht förderfähig.", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Rechtsbehelfsbelehrung", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task VoteDeferred_EmailSaysSoAndThatItComesUpAgain()
    {
        var submitted = await api.SubmitAsync("traeger");
        var id = FundingApi.Id(submitted);
        await UpToVoteAsync(id);

        var deferred = await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { outcome = "Defer", minutes = "Vertagt: Referentin nicht anwesend." });

        Assert.Equal($"/api/applications/{id}/routing", deferred["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>());
        var email = await Mailbox.WaitForAsync(factory, submitted["fileNumber"]!.GetValue<string>(), "vertagt");
        Assert.Contains("in einer der nächsten Sitzungen erneut beraten", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Referentin nicht anwesend", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ProofOfUseSubmitted_EmailConfirmsTheReceipt()
    {
        var submitted = await api.SubmitAsync("traeger");
        var id = FundingApi.Id(submitted);
        await UpToVoteAsync(id);
        await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { outcome = "Recommend" });
        await api.ApprovedAndPaidAsync(id);
        await api.PostOkAsync("traeger", $"/api/applications/{id}/project-end", new { endedOn = FundingApi.Day(FundingApi.Today()) });

        await api.PostOkAsync("traeger", $"/api/applications/{id}/proof-of-use", new { spentAmount = 1_250m, report = "Drei Abende mit 46 Teilnehmenden." });

        var fileNumber = submitted["fileNumber"]!.GetValue<string>();
        var email = await Mailbox.WaitForAsync(factory, fileNumber, $"Verwendungsnachweis zu {fileNumber} eingegangen");
        Assert.Contains("Ausgaben von 1.250,00 €", email.TextBody, StringComparison.Ordinal);
    }

    private async Task UpToVoteAsync(string id)
    {
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.PostOkAsync("kuf", $"/api/applications/{id}/routing", new { procedure = "Session", meetingAt = FundingApi.Now().AddHours(1), agendaItem = "TOP 5" });
    }
}
