using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// The README's whole case, by five people in their own browsers: the applicant (starting from the e-mails the server
/// writes), the KuF, three committee members (one declares a conflict) and the office; with a change request answered
/// by a new cost plan, a written procedure, a payout and the proof of use with an upload. Every page is screenshotted
/// and checked with axe-core at 1280 and 375 px.
/// </summary>
/// <remarks>
/// Built up as the portal's pages land: the applicant signs in with the demo password until signing in by the e-mailed
/// link lands.
/// </remarks>
[Collection(PortalBrowserGroup.Name)]
public sealed class PortalWholeCaseTests(PortalFixture fixture, ITestOutputHelper output)
{
    private const string Title = "Demokratiewerkstatt im Quartier (Browsertest)";

    [Fact]
    public async Task FivePeople_TakeAnApplicationFromSubmissionToTheAcceptedProofOfUse()
    {
        var steps = new ScreenshotSequence();
        var german = CultureInfo.GetCultureInfo("de-DE");
        var today = PortalServer.GermanToday();

        // 1. The applicant signs in from the front page with a link sent to their e-mail address (no account, no
        //    password) and fills in the application form.
        await using var applicant = await PortalPage.OpenAsync(fixture, "portal-case", output, steps);
        await applicant.GotoAsync("/");
        await applicant.Page.GetByRole(AriaRole.Link, new() { Name = "Anmelden und Antrag stellen" }).ClickAsync();
        await applicant.SignInByEmailLinkAsync(fixture.Server, "kontakt@nachbarschaft-herten.example");
        await applicant.Page.GetByRole(AriaRole.Link, new() { Name = "Antrag für „Aktions- und Initiativfonds Herten“ stellen" }).ClickAsync();
        var application = await SubmitApplicationFormAsync(applicant, today);
        await applicant.CheckAsync("traeger-eingereicht");

        // 2. The confirmation e-mail's status link leads to the status page.
        await FollowStatusLinkAsync(applicant, application, "Eingangsbestätigung", signIn: false);
        await Assertions.Expect(Badge(applicant)).ToHaveTextAsync("Eingereicht");
        await applicant.CheckAsync("traeger-eingangsbestaetigung");

        // 3. The KuF finds the task in the inbox, opens the case and asks for a cost plan by evening; a change request
        //    without its text is refused at the field first.
        await using var kuf = await PortalPage.OpenAsync(fixture, "portal-case", output, steps);
        await kuf.SignInAsync("kuf");
        await OpenFromInboxAsync(kuf, application);
        await kuf.CheckAsync("kuf-statusseite-eingereicht");
        await OpenActionAsync(kuf, "Formale Prüfung durchführen");
        await kuf.Page.GetByLabel("Unterlagen oder Angaben nachfordern", new() { Exact = true }).CheckAsync();
        await kuf.Page.GetByRole(AriaRole.Button, new() { Name = "Prüfung abschließen", Exact = true }).ClickAsync();
        await Assertions.Expect(kuf.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await kuf.CheckAsync("kuf-formale-pruefung-fehler");
        await kuf.Page.GetByLabel("Was soll nachgereicht werden?").FillAsync("Bitte schlüsseln Sie das Honorar nach den drei Abenden auf.");
        await kuf.CheckAsync("kuf-formale-pruefung-nachforderung");
        await SubmitAsync(kuf, "Prüfung abschließen", "Formale Prüfung durchführen");
        await Assertions.Expect(Badge(kuf)).ToHaveTextAsync("Nachforderung");
        await kuf.CheckAsync("kuf-nachgefordert");

        // 4. The applicant follows the change request's e-mail and answers with a new cost plan; the sums follow the typing.
        await FollowStatusLinkAsync(applicant, application, "Rückfrage", signIn: false);
        await applicant.CheckAsync("traeger-nachforderung");
        await OpenActionAsync(applicant, "Nachforderung beantworten");
        await applicant.Page.GetByLabel("Ihre Antwort").FillAsync("Das Honorar ist jetzt nach Abenden aufgeschlüsselt.");
        string[][] lines = [["Honorar Moderation, 1. Abend", "450,00"], ["Honorar Moderation, 2. Abend", "450,00"], ["Honorar Moderation, 3. Abend", "400,00"], ["Raummiete", "200,00"]];
        for (var i = 0; i < lines.Length; i++)
        {
            var line = applicant.Page.Locator(".cost-lines .cost-line").Nth(i);
            await line.GetByLabel($"Position {i + 1}: Bezeichnung").FillAsync(lines[i][0]);
            await line.GetByLabel("Betrag in Euro").FillAsync(lines[i][1]);
        }

        await applicant.Page.GetByLabel("Eigenmittel in Euro").FillAsync("200,00");
        await applicant.Page.GetByLabel("Drittmittel in Euro").FillAsync("0");
        await Assertions.Expect(applicant.Page.Locator("[data-sum=total]")).ToHaveTextAsync("1.500,00\u00a0€");
        await Assertions.Expect(applicant.Page.Locator("[data-sum=requested]")).ToHaveTextAsync("1.300,00\u00a0€");
        await applicant.CheckAsync("traeger-nachreichen-formular");
        await SubmitAsync(applicant, "Antwort senden", "Nachforderung beantworten");
        await Assertions.Expect(Action(applicant, "Nachforderung beantworten")).ToHaveCountAsync(0);
        await applicant.CheckAsync("traeger-nachgereicht");

        // 5. The KuF reviews again and puts the application to the committee's written procedure for a week.
        await kuf.Page.ReloadAsync();
        await OpenActionAsync(kuf, "Formale Prüfung durchführen");
        await kuf.Page.GetByLabel("Formal in Ordnung – weiter zur Entscheidung", new() { Exact = true }).CheckAsync();
        await SubmitAsync(kuf, "Prüfung abschließen", "Formale Prüfung durchführen");
        await OpenActionAsync(kuf, "Dem Gremium zuleiten");
        await kuf.Page.GetByLabel("Im Umlaufverfahren (schriftlich)", new() { Exact = true }).CheckAsync();
        var closing = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).AddDays(7);
        await kuf.Page.GetByLabel("Ende des Umlaufverfahrens").FillAsync(closing.ToString("yyyy-MM-dd'T'HH:mm", CultureInfo.InvariantCulture));
        await kuf.CheckAsync("kuf-zuleitung-formular");
        await SubmitAsync(kuf, "Zuleiten", "Dem Gremium zuleiten");
        await Assertions.Expect(Badge(kuf)).ToHaveTextAsync("Zur Abstimmung gestellt");
        await kuf.CheckAsync("kuf-umlaufverfahren");

        // 6. Three committee members find the vote under "Abstimmungen": two vote for it, one declares a conflict.
        foreach (var (member, conflict) in new[] { ("ausschuss", false), ("ausschuss2", false), ("ausschuss3", true) })
        {
            await using var committee = await PortalPage.OpenAsync(fixture, "portal-case", output, steps);
            await committee.SignInAsync(member);
            await committee.NavLink("Abstimmungen").ClickAsync();
            await committee.Page.GetByRole(AriaRole.Link, new() { Name = Title, Exact = true }).ClickAsync();
            await Assertions.Expect(committee.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
            await committee.CheckAsync($"{member}-abstimmung");
            if (conflict)
            {
                await committee.Page.GetByLabel("Grund der Befangenheit").FillAsync("Vorstand im antragstellenden Verein");
                await committee.Page.GetByRole(AriaRole.Button, new() { Name = "Befangenheit erklären", Exact = true }).ClickAsync();
                await Assertions.Expect(committee.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Ihre Stimme: befangen");
            }
            else
            {
                await committee.Page.GetByLabel("Dafür", new() { Exact = true }).CheckAsync();
                await committee.Page.GetByRole(AriaRole.Button, new() { Name = "Stimme abgeben", Exact = true }).ClickAsync();
                await Assertions.Expect(committee.Page.GetByRole(AriaRole.Status)).ToBeVisibleAsync();
            }

            await committee.CheckAsync($"{member}-abgestimmt");
        }

        // 7. The KuF sees the tally and closes the written procedure.
        await kuf.Page.ReloadAsync();
        await OpenActionAsync(kuf, "Abstimmung abschließen");
        var tally = kuf.Page.GetByRole(AriaRole.Region, new() { Name = "Stand der Abstimmung" });
        await Assertions.Expect(tally).ToContainTextAsync("Dafür2");
        await Assertions.Expect(tally).ToContainTextAsync("Befangen1");
        await kuf.CheckAsync("kuf-abstimmung-abschliessen");
        await SubmitAsync(kuf, "Abstimmung schließen", "Abstimmung abschließen");
        await Assertions.Expect(Badge(kuf)).ToHaveTextAsync("Entscheidung des Amts ausstehend");
        // The resolution's wording is not asserted yet: the status page names "Recommend" as "Das Gremium hat abgestimmt"
        // (it maps Approved/Approve, the engine stores Recommend); told to the portal's author.
        await Assertions.Expect(kuf.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Votum");
        await kuf.CheckAsync("kuf-votum");

        // 8. The office decides with the fund's remaining budget in view.
        await using var office = await PortalPage.OpenAsync(fixture, "portal-case", output, steps);
        await office.SignInAsync("amt");
        await OpenFromInboxAsync(office, application);
        await OpenActionAsync(office, "Entscheiden");
        await Assertions.Expect(office.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("sind im Fonds noch");
        await office.Page.GetByLabel("Bewilligen", new() { Exact = true }).CheckAsync();
        await office.Page.GetByLabel("Bewilligter Betrag in Euro").FillAsync("1300,00");
        await office.CheckAsync("amt-entscheidung-formular");
        await SubmitAsync(office, "Entscheidung speichern", "Entscheiden");
        await Assertions.Expect(office.Page.GetByRole(AriaRole.Main)).ToContainTextAsync("Bewilligt: 1.300,00 €");
        await office.CheckAsync("amt-bewilligt");

        // 9. The applicant reads the grant from the e-mail, accepts it waiving an appeal, and requests the payout.
        await FollowStatusLinkAsync(applicant, application, "Bewilligung", signIn: false);
        await applicant.CheckAsync("traeger-bewilligung");
        await OpenActionAsync(applicant, "Zuwendung annehmen");
        await applicant.Page.GetByLabel("Ich nehme die Zuwendung an und verzichte auf einen Rechtsbehelf.", new() { Exact = true }).CheckAsync();
        await applicant.Page.GetByLabel("Name der Person, die für den Verein erklärt").FillAsync("Aylin Demir");
        await applicant.CheckAsync("traeger-annahme-formular");
        await SubmitAsync(applicant, "Erklärung abgeben", "Zuwendung annehmen");
        await OpenActionAsync(applicant, "Mittel abrufen");
        await applicant.Page.GetByLabel("Abgerufener Betrag in Euro").FillAsync("1300,00");
        await applicant.Page.GetByLabel("Geplante Ausgaben").FillAsync($"{today.ToString("dd.MM.yyyy", german)}; 1300,00; Honorar und Raummiete");
        await applicant.CheckAsync("traeger-mittelabruf-formular");
        await SubmitAsync(applicant, "Mittel abrufen", "Mittel abrufen");
        await applicant.CheckAsync("traeger-mittel-abgerufen");

        // 10. The office orders the payout.
        await office.Page.ReloadAsync();
        await OpenActionAsync(office, "Mittelabruf prüfen");
        await office.Page.GetByLabel("Auszahlung anordnen", new() { Exact = true }).CheckAsync();
        await office.CheckAsync("amt-abrufpruefung-formular");
        await SubmitAsync(office, "Entscheidung speichern", "Mittelabruf prüfen");
        await office.CheckAsync("amt-auszahlung-angeordnet");

        // 11. The applicant reports the end, uploads the receipt on the status page and submits the proof of use.
        await applicant.Page.ReloadAsync();
        await OpenActionAsync(applicant, "Projektende melden");
        await applicant.Page.GetByLabel("Projekt beendet am").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await applicant.CheckAsync("traeger-projektende-formular");
        await SubmitAsync(applicant, "Projektende melden", "Projektende melden");
        await applicant.Page.GetByLabel("Datei hochladen").SetInputFilesAsync(new FilePayload
        {
            Name = "Belege.pdf",
            MimeType = "application/pdf",
            Buffer = "%PDF-1.4\n%Belege der drei Abende\n%%EOF\n"u8.ToArray(),
        });
        await applicant.CheckAsync("traeger-beleg-ausgewaehlt");
        await applicant.Page.GetByRole(AriaRole.Button, new() { Name = "Hochladen", Exact = true }).ClickAsync();
        await Assertions.Expect(applicant.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("„Belege.pdf“ ist hochgeladen");
        await Assertions.Expect(applicant.Page.GetByRole(AriaRole.Region, new() { Name = "Anhänge" }).GetByRole(AriaRole.Link, new() { Name = "Belege.pdf" })).ToBeVisibleAsync();
        await applicant.CheckAsync("traeger-beleg-hochgeladen");
        await OpenActionAsync(applicant, "Verwendungsnachweis einreichen");
        await applicant.Page.GetByLabel("Tatsächlich ausgegeben in Euro").FillAsync("1300,00");
        await applicant.Page.GetByLabel("Sachbericht").FillAsync("Drei Abende mit 46 Teilnehmenden.");
        await applicant.CheckAsync("traeger-verwendungsnachweis-formular");
        await SubmitAsync(applicant, "Verwendungsnachweis einreichen", "Verwendungsnachweis einreichen");
        await Assertions.Expect(Badge(applicant)).ToHaveTextAsync("Verwendungsnachweis eingereicht");
        await applicant.CheckAsync("traeger-nachweis-eingereicht");

        // 12. The office accepts the proof of use: the case is closed, for the applicant too.
        await office.Page.ReloadAsync();
        await OpenActionAsync(office, "Verwendungsnachweis prüfen");
        await office.Page.GetByLabel("Anerkennen", new() { Exact = true }).CheckAsync();
        await office.CheckAsync("amt-nachweispruefung-formular");
        await SubmitAsync(office, "Prüfung abschließen", "Verwendungsnachweis prüfen");
        await Assertions.Expect(Badge(office)).ToHaveTextAsync("Abgeschlossen");
        await office.CheckAsync("amt-abgeschlossen");

        await applicant.Page.ReloadAsync();
        await Assertions.Expect(Badge(applicant)).ToHaveTextAsync("Abgeschlossen");
        await Assertions.Expect(applicant.Page.Locator(".actions")).ToHaveCountAsync(0);
        await applicant.CheckAsync("traeger-abgeschlossen");
    }

    /// <summary>Fills in the application form the browser is on, as in the README's walk-through, and sends it.</summary>
    private static async Task<SubmittedApplication> SubmitApplicationFormAsync(PortalPage applicant, DateOnly today)
    {
        var page = applicant.Page;
        var end = today.AddDays(5).Year == today.Year ? today.AddDays(5) : today;
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Antrag stellen");
        await page.GetByLabel("Name des Vereins oder der Initiative").FillAsync("Nachbarschaftsverein Herten-Süd e. V.");
        await page.GetByLabel("Ansprechperson").FillAsync("Aylin Demir");
        await page.GetByLabel("E-Mail-Adresse").FillAsync("kontakt@nachbarschaft-herten.example");
        await page.GetByLabel("IBAN des Vereinskontos").FillAsync("DE89 3704 0044 0532 0130 00");
        await page.GetByLabel("Titel des Projekts").FillAsync(Title);
        await page.GetByLabel("Beschreibung des Projekts").FillAsync("Drei Abende zu Beteiligung im Stadtteil.");
        await page.GetByLabel("Demokratieförderung", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Jugendliche", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Senioren", new() { Exact = true }).CheckAsync();
        await page.GetByLabel("Erwartete Teilnehmende").FillAsync("40");
        await page.GetByLabel("Projektbeginn").FillAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await page.GetByLabel("Projektende").FillAsync(end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        var lines = page.Locator(".cost-lines .cost-line");
        await lines.Nth(0).GetByLabel("Position 1: Bezeichnung").FillAsync("Honorar Moderation");
        await lines.Nth(0).GetByLabel("Betrag in Euro").FillAsync("1300,00");
        await lines.Nth(1).GetByLabel("Position 2: Bezeichnung").FillAsync("Raummiete");
        await lines.Nth(1).GetByLabel("Betrag in Euro").FillAsync("200,00");
        await page.GetByLabel("Eigenmittel in Euro").FillAsync("200,00");
        await page.GetByLabel("Drittmittel in Euro").FillAsync("0");
        await page.Locator("#feld-consentprivacy").CheckAsync();
        await page.Locator("#feld-consentelectronic").CheckAsync();
        await Assertions.Expect(page.Locator("[data-sum=requested]")).ToHaveTextAsync("1.300,00\u00a0€");
        await applicant.CheckAsync("traeger-antrag-formular");
        await page.GetByRole(AriaRole.Button, new() { Name = "Antrag einreichen", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihr Antrag ist eingegangen.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
        var id = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var fileNumber = (await page.Locator(".status-line strong").InnerTextAsync()).Trim();
        return new SubmittedApplication(id, fileNumber);
    }

    /// <summary>
    /// Opens the status link of the newest e-mail about the application whose subject contains <paramref name="subject"/>,
    /// through the sign-in when the browser has no session yet.
    /// </summary>
    private async Task FollowStatusLinkAsync(PortalPage applicant, SubmittedApplication application, string subject, bool signIn)
    {
        var mail = await PortalMailbox.WaitForAsync(fixture.Server, application.FileNumber, subject);
        var link = PortalMailbox.StatusLink(mail, application.Id);
        await applicant.GotoAsync(link.PathAndQuery);
        if (signIn)
        {
            await applicant.SignInHereAsync("traeger");
        }

        await Assertions.Expect(applicant.Page).ToHaveURLAsync(link.ToString());
        await Assertions.Expect(applicant.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
    }

    private static async Task OpenFromInboxAsync(PortalPage staff, SubmittedApplication application)
    {
        await staff.NavLink("Aufgaben").ClickAsync();
        await staff.Page.GetByRole(AriaRole.Link, new() { Name = application.FileNumber, Exact = true }).ClickAsync();
        await Assertions.Expect(staff.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Title);
    }

    /// <summary>Follows one of the reader's own actions from the status page to its form.</summary>
    private static async Task OpenActionAsync(PortalPage person, string label)
    {
        await Action(person, label).ClickAsync();
        await Assertions.Expect(person.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(label);
    }

    /// <summary>Sends the action's form and waits for the status page's confirmation.</summary>
    private static async Task SubmitAsync(PortalPage person, string button, string label)
    {
        await person.Page.GetByRole(AriaRole.Button, new() { Name = button, Exact = true }).ClickAsync();
        await Assertions.Expect(person.Page.GetByRole(AriaRole.Status).Filter(new() { HasText = $"Erledigt: {label}." })).ToBeVisibleAsync();
    }

    /// <summary>One of the reader's own actions offered on the status page ("Ihre Aufgaben").</summary>
    private static ILocator Action(PortalPage portal, string label) =>
        portal.Page.Locator(".actions").GetByRole(AriaRole.Link, new() { Name = label, Exact = true });

    private static ILocator Badge(PortalPage portal) => portal.Page.Locator(".status-line .badge");
}
