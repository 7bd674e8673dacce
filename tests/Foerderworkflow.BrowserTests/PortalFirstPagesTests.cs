using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// The portal's first pages in the browser: front page and sign-in without a session, an applicant's list and status
/// page, the KuF's inbox, another applicant refused, sign-out. Every step is screenshotted and checked with axe-core
/// at 1280 and at 375 px.
/// </summary>
[Collection(PortalBrowserGroup.Name)]
public sealed class PortalFirstPagesTests(PortalFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Anonymous_SeesTheOpenFunds_AndTheSignInPage()
    {
        await using var portal = await PortalPage.OpenAsync(fixture, "portal-anonymous", output);
        var page = portal.Page;

        await portal.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Förderung für Ihr Projekt");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Aktions- und Initiativfonds Herten" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jugendfonds Herten" })).ToBeVisibleAsync();
        await portal.CheckAsync("startseite");

        await portal.NavLink("Anmelden").ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(fixture.Server.BaseUrl, "/anmelden").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Anmelden");
        await Assertions.Expect(page.GetByLabel("Benutzername")).ToBeVisibleAsync();
        await portal.CheckAsync("anmelden");

        // A wrong password: the error is named in the summary at the top and at the field (WCAG 3.3.1).
        await page.GetByLabel("Benutzername").FillAsync("traeger");
        await page.GetByLabel("Passwort").FillAsync("falsch");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anmelden", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToContainTextAsync("Benutzername oder Passwort ist falsch.");
        await portal.CheckAsync("anmelden-fehler");
    }

    [Fact]
    public async Task Applicant_SignsIn_SeesTheApplicationInTheListAndOnItsStatusPage_AndSignsOut()
    {
        var application = await fixture.Server.SubmitApplicationAsync("traeger", "Demokratiewerkstatt im Quartier");
        await using var portal = await PortalPage.OpenAsync(fixture, "portal-applicant", output);
        var page = portal.Page;

        await portal.SignInAsync("traeger");
        await portal.CheckAsync("angemeldet");

        await portal.NavLink("Meine Anträge").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Meine Anträge");
        var link = page.GetByRole(AriaRole.Link, new() { Name = application.FileNumber, Exact = true });
        await Assertions.Expect(link).ToBeVisibleAsync();
        await portal.CheckAsync("meine-antraege");

        await link.ClickAsync();
        await Assertions.Expect(page).ToHaveURLAsync(new Uri(fixture.Server.BaseUrl, $"/antraege/{application.Id}").ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Demokratiewerkstatt im Quartier");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).ToContainTextAsync(application.FileNumber);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Wie es weitergeht" })).ToBeVisibleAsync();
        await portal.CheckAsync("statusseite");

        await portal.SignOutButton.ClickAsync();
        await Assertions.Expect(portal.NavLink("Anmelden")).ToBeVisibleAsync();
        await Assertions.Expect(portal.SignOutButton).ToHaveCountAsync(0);
        await portal.CheckAsync("abgemeldet");
        // The session is gone, not only the button: the status page asks for a sign-in again.
        await portal.GotoAsync($"/antraege/{application.Id}");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/anmelden\\?returnUrl="));
    }

    [Fact]
    public async Task Applicant_FollowsTheStatusLinkOfTheConfirmationEmail_ThroughTheSignIn_BackToTheStatusPage()
    {
        var application = await fixture.Server.SubmitApplicationAsync("traeger", "Lesepatenschaften im Quartier");
        var mail = await PortalMailbox.WaitForAsync(fixture.Server, application.FileNumber, "Eingangsbestätigung");
        var statusLink = PortalMailbox.StatusLink(mail, application.Id);
        Assert.Equal(fixture.Server.BaseUrl.Authority, statusLink.Authority);
        await using var portal = await PortalPage.OpenAsync(fixture, "portal-email-link", output);
        var page = portal.Page;

        await portal.GotoAsync(statusLink.PathAndQuery);
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/anmelden\\?returnUrl="));
        await portal.SignInHereAsync("traeger");
        await Assertions.Expect(page).ToHaveURLAsync(statusLink.ToString());
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Lesepatenschaften im Quartier");
        await portal.CheckAsync("statusseite-aus-email");
    }

    [Fact]
    public async Task CoordinationOffice_SeesTheNewApplicationInTheInbox_AndOpensIt()
    {
        var application = await fixture.Server.SubmitApplicationAsync("traeger", "Erzählcafé für alle Generationen");
        await using var portal = await PortalPage.OpenAsync(fixture, "portal-kuf-inbox", output);
        var page = portal.Page;

        await portal.SignInAsync("kuf");
        await portal.NavLink("Aufgaben").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Aufgaben");
        var row = page.GetByRole(AriaRole.Row).Filter(new() { Has = page.GetByRole(AriaRole.Link, new() { Name = application.FileNumber, Exact = true }) });
        await Assertions.Expect(row).ToContainTextAsync("Antrag formal prüfen");
        await portal.CheckAsync("aufgaben");

        await row.GetByRole(AriaRole.Link, new() { Name = application.FileNumber, Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Erzählcafé für alle Generationen");
        await portal.CheckAsync("statusseite-kuf");
    }

    [Fact]
    public async Task AnotherApplicant_GetsTheGermanNotFoundPage_ForTheApplication()
    {
        var application = await fixture.Server.SubmitApplicationAsync("traeger", "Stadtteilzeitung von Jugendlichen");
        await using var portal = await PortalPage.OpenAsync(fixture, "portal-other-applicant", output);
        var page = portal.Page;

        await portal.SignInAsync("traeger2");
        await portal.GotoAsync($"/antraege/{application.Id}", expectedStatus: 404);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Nicht gefunden");
        await Assertions.Expect(page.GetByRole(AriaRole.Main)).Not.ToContainTextAsync("Stadtteilzeitung");
        await portal.CheckAsync("fremder-antrag-404");

        await portal.NavLink("Meine Anträge").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Meine Anträge");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = application.FileNumber })).ToHaveCountAsync(0);
        await portal.CheckAsync("meine-antraege-ohne-fremde");
    }
}
