using System.Globalization;
using System.Net;
using Foerderworkflow.Funding.Activities;

namespace Foerderworkflow.Server.Tests.Portal;

/// <summary>
/// A whole case done in the portal's forms only, by five people, as a browser without script would post them: the
/// applicant submits, the KuF reviews and starts a written procedure, two members vote for it and one declares a
/// conflict, the KuF closes the vote, the office approves, the applicant accepts and requests the money, the office
/// orders the payout, the applicant reports the end and the proof of use, the office accepts it.
/// </summary>
public sealed class PortalCaseTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    [Fact]
    public async Task WholeCase_InThePortalForms_EndsClosed()
    {
        var today = FundingTime.Day(factory.Clock!.GetUtcNow());
        using var applicant = await PortalVisitor.SignInAsync(factory, "traeger");
        var created = await applicant.CompleteAsync("/antrag-stellen?fonds=herten-aif", ApplicationForm(today));
        Assert.StartsWith("/antraege/", created, StringComparison.Ordinal);
        var id = created["/antraege/".Length..];
        Assert.Contains("Ihr Antrag ist eingegangen", await applicant.PageAsync(created), StringComparison.Ordinal);

        using var kuf = await PortalVisitor.SignInAsync(factory, "kuf");
        Assert.Contains(id, await kuf.PageAsync("/aufgaben"), StringComparison.Ordinal);
        await kuf.CompleteAsync($"/antraege/{id}/formale-pruefung", [new("outcome", "ToDecision")]);
        var closingAt = TimeZoneInfo.ConvertTime(factory.Clock.GetUtcNow().AddDays(7), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin"));
        await kuf.CompleteAsync($"/antraege/{id}/zuleitung", [new("procedure", "WrittenProcedure"), new("closingAt", closingAt.ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture))]);

        foreach (var member in new[] { "ausschuss", "ausschuss2" })
        {
            using var voter = await PortalVisitor.SignInAsync(factory, member);
            Assert.Contains(id, await voter.PageAsync("/abstimmungen"), StringComparison.Ordinal);
            await voter.CompleteAsync($"/abstimmungen/{id}", [new("choice", "For")], handler: "ballot");
            Assert.Contains("Ihre Stimme ist erfasst", await voter.PageAsync($"/abstimmungen/{id}"), StringComparison.Ordinal);
        }

        using (var conflicted = await PortalVisitor.SignInAsync(factory, "ausschuss3"))
        {
            await conflicted.CompleteAsync($"/abstimmungen/{id}", [new("reason", "Vorstand im antragstellenden Verein")], handler: "conflict");
        }

        var closing = await kuf.PageAsync($"/antraege/{id}/abstimmung-abschliessen");
        Assert.Contains("Stand der Abstimmung", closing, StringComparison.Ordinal);
        await kuf.CompleteAsync($"/antraege/{id}/abstimmung-abschliessen", []);

        using var office = await PortalVisitor.SignInAsync(factory, "amt");
        Assert.Contains("noch", await office.PageAsync($"/antraege/{id}/entscheidung"), StringComparison.Ordinal);
        await office.CompleteAsync($"/antraege/{id}/entscheidung", [new("outcome", "Approve"), new("amount", "1.300,00")]);

        await applicant.CompleteAsync($"/antraege/{id}/annahme", [new("outcome", "AgreementSigned"), new("signedBy", "Aylin Demir")]);
        await applicant.CompleteAsync($"/antraege/{id}/mittelabruf",
            [new("amount", "1.300,00"), new("expenditures", $"{today.AddDays(3).ToString("dd.MM.yyyy", German)}; 1.300,00; Honorar Moderation")]);
        var status = await office.PageAsync($"/antraege/{id}");
        Assert.Contains("Mittelabruf prüfen", status, StringComparison.Ordinal);
        await office.CompleteAsync($"/antraege/{id}/abrufpruefung", [new("outcome", "Ordered")]);

        await applicant.CompleteAsync($"/antraege/{id}/projektende", [new("endedOn", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture))]);
        await applicant.CompleteAsync($"/antraege/{id}/verwendungsnachweis", [new("spentAmount", "1.500,00"), new("report", "Drei Abende mit 42 Teilnehmenden.")]);
        await office.CompleteAsync($"/antraege/{id}/nachweispruefung", [new("outcome", "Accepted")]);

        var end = await applicant.PageAsync($"/antraege/{id}");
        Assert.Contains("Das Verfahren ist abgeschlossen", end, StringComparison.Ordinal);
        Assert.Contains("Verwendungsnachweis eingereicht", end, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplicationForm_WithBrokenInput_ShowsTheServersErrorsAtTheirFields_AndStoresNothing()
    {
        var today = FundingTime.Day(factory.Clock!.GetUtcNow());
        using var applicant = await PortalVisitor.SignInAsync(factory, "traeger2");
        var untitled = ApplicationForm(today).Where(f => f.Key != "title").ToList();
        var response = await applicant.PostFormAsync("/antrag-stellen?fonds=herten-aif", untitled);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("class=\"error-summary\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"#feld-title\"", html, StringComparison.Ordinal);

        var tooMuch = ApplicationForm(today).Where(f => f.Key != "costPlan.lines[0].amount").Append(new("costPlan.lines[0].amount", "90.000,00")).ToList();
        html = await (await applicant.PostFormAsync("/antrag-stellen?fonds=herten-aif", tooMuch)).Content.ReadAsStringAsync();
        Assert.Contains("Förderhöchstgrenze", html, StringComparison.Ordinal);
        // What was typed stays in the form.
        Assert.Contains("value=\"90.000,00\"", html, StringComparison.Ordinal);
        Assert.Contains("Sie haben noch keinen Antrag gestellt.", await applicant.PageAsync("/antraege"), StringComparison.Ordinal);
    }

    private static List<KeyValuePair<string, string>> ApplicationForm(DateOnly today) =>
    [
        new("applicant.organisation", "Nachbarschaftsverein Herten-Süd e. V."),
        new("applicant.contactName", "Aylin Demir"),
        new("applicant.email", "kontakt@nachbarschaft-herten.example"),
        new("applicant.iban", "DE89 3704 0044 0532 0130 00"),
        new("title", "Demokratiewerkstatt im Quartier"),
        new("description", "Drei Abende zu Beteiligung im Stadtteil."),
        new("fieldOfAction", "Demokratieförderung"),
        new("targetGroups", "Jugendliche"),
        new("targetGroups", "Senioren"),
        new("plannedParticipants", "40"),
        new("period.start", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("period.end", today.AddDays(5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        new("costPlan.lines[0].description", "Honorar Moderation"),
        new("costPlan.lines[0].amount", "1.300,00"),
        new("costPlan.lines[1].description", "Raummiete"),
        new("costPlan.lines[1].amount", "200"),
        new("costPlan.ownFunds", "200,00"),
        new("consentPrivacy", "ja"),
        new("consentElectronic", "ja"),
    ];
}
