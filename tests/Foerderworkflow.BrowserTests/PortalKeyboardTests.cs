using System.Globalization;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// WCAG 2.1.1 (keyboard): an applicant who cannot use a mouse submits a whole application. After the sign-in, no
/// click and no fill: from the front page to the form's button only Tab, typing, Space for choices and Enter.
/// </summary>
[Collection(PortalBrowserGroup.Name)]
public sealed class PortalKeyboardTests(PortalFixture fixture, ITestOutputHelper output)
{
    /// <summary>Generous: between two fields there may be a hint or a link, never dozens of stops.</summary>
    private const int MaxTabs = 60;

    [Fact]
    public async Task Applicant_SubmitsAnApplication_WithTheKeyboardOnly()
    {
        await using var portal = await PortalPage.OpenAsync(fixture, "portal-keyboard", output);
        var page = portal.Page;
        await portal.SignInAsync("traeger");
        await portal.GotoAsync("/");

        // From the front page to the form: Tab to the fund's link, Enter.
        await TabToAsync(page, page.GetByRole(AriaRole.Link, new() { Name = "Antrag für „Aktions- und Initiativfonds Herten“ stellen" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Antrag stellen");
        await portal.CheckAsync("formular-leer");

        await TypeIntoAsync(page, page.GetByLabel("Name des Vereins oder der Initiative"), "Jugendforum Herten-Mitte e. V.");
        await TypeIntoAsync(page, page.GetByLabel("Ansprechperson"), "Jonas Weber");
        await TypeIntoAsync(page, page.GetByLabel("E-Mail-Adresse"), "info@jugendforum-herten.example");
        await TypeIntoAsync(page, page.GetByLabel("IBAN des Vereinskontos"), "DE89 3704 0044 0532 0130 00");
        await TypeIntoAsync(page, page.GetByLabel("Titel des Projekts"), "Planspiel Kommunalpolitik (Tastatur)");
        await TypeIntoAsync(page, page.GetByLabel("Beschreibung des Projekts"), "Jugendliche spielen eine Ratssitzung nach.");
        await ChooseRadioAsync(page, page.Locator("#feld-fieldofaction"), page.GetByLabel("Politische Bildung", new() { Exact = true }));
        await ChooseAsync(page, page.GetByLabel("Jugendliche", new() { Exact = true }));
        await TypeIntoAsync(page, page.GetByLabel("Erwartete Teilnehmende"), "25");

        // Dates typed digit by digit into Chromium's date field, in the order of its segments.
        var today = PortalServer.GermanToday();
        var end = today.AddDays(5).Year == today.Year ? today.AddDays(5) : today;
        var keys = await DateKeyOrderAsync(page.Context);
        await TypeIntoAsync(page, page.GetByLabel("Projektbeginn"), today.ToString(keys, CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByLabel("Projektbeginn")).ToHaveValueAsync(today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await TypeIntoAsync(page, page.GetByLabel("Projektende"), end.ToString(keys, CultureInfo.InvariantCulture));
        await Assertions.Expect(page.GetByLabel("Projektende")).ToHaveValueAsync(end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

        var lines = page.Locator(".cost-lines .cost-line");
        await TypeIntoAsync(page, lines.Nth(0).GetByLabel("Position 1: Bezeichnung"), "Honorar Spielleitung");
        await TypeIntoAsync(page, lines.Nth(0).GetByLabel("Betrag in Euro"), "600,00");
        await TypeIntoAsync(page, lines.Nth(1).GetByLabel("Position 2: Bezeichnung"), "Verpflegung");
        await TypeIntoAsync(page, lines.Nth(1).GetByLabel("Betrag in Euro"), "150,00");
        await TypeIntoAsync(page, page.GetByLabel("Eigenmittel in Euro"), "100,00");
        await TypeIntoAsync(page, page.GetByLabel("Drittmittel in Euro"), "0");
        await Assertions.Expect(page.Locator("[data-sum=requested]")).ToHaveTextAsync("650,00\u00a0€");

        await ChooseAsync(page, page.Locator("#feld-consentprivacy"));
        await ChooseAsync(page, page.Locator("#feld-consentelectronic"));
        await portal.CheckAsync("formular-ausgefuellt");

        await TabToAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Antrag einreichen" }));
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Ihr Antrag ist eingegangen.");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Planspiel Kommunalpolitik (Tastatur)");
        await Assertions.Expect(page.Locator(".status-line .badge")).ToHaveTextAsync("Eingereicht");
        await portal.CheckAsync("eingereicht");
    }

    /// <summary>
    /// The order in which the browser's date field takes the digits: it follows the browser's own interface language,
    /// not the page's (Debian's chromium here ships only en-US, month first; a German one takes the day first). Found
    /// out on a scratch page of the same browser: "01022026" is 1 February or 2 January.
    /// </summary>
    private static async Task<string> DateKeyOrderAsync(IBrowserContext context)
    {
        var scratch = await context.NewPageAsync();
        try
        {
            await scratch.SetContentAsync("<input type=date aria-label=probe>");
            await scratch.GetByLabel("probe").FocusAsync();
            await scratch.Keyboard.TypeAsync("01022026");
            return await scratch.GetByLabel("probe").InputValueAsync() switch
            {
                "2026-02-01" => "ddMMyyyy",
                "2026-01-02" => "MMddyyyy",
                var other => throw new InvalidOperationException($"The browser's date field read 01022026 as '{other}'."),
            };
        }
        finally
        {
            await scratch.CloseAsync();
        }
    }

    /// <summary>
    /// Presses Tab until <paramref name="target"/> has the focus; forward only, so the fields are reached in the order
    /// the test names them (the visual order), and a field Tab never reaches fails the test.
    /// </summary>
    private static async Task TabToAsync(IPage page, ILocator target)
    {
        for (var presses = 0; presses < MaxTabs; presses++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("element => element === document.activeElement"))
            {
                return;
            }
        }

        Assert.Fail($"{target} was not reached with {MaxTabs} presses of Tab.");
    }

    private static async Task TypeIntoAsync(IPage page, ILocator field, string text)
    {
        await TabToAsync(page, field);
        await page.Keyboard.TypeAsync(text);
    }

    /// <summary>A radio button: Tab into its group (one stop), then the arrow keys, which move and choose.</summary>
    private static async Task ChooseRadioAsync(IPage page, ILocator group, ILocator choice)
    {
        await TabToAsync(page, group.Locator("input[type=radio]").First);
        for (var presses = 0; presses < MaxTabs && !await choice.EvaluateAsync<bool>("element => element === document.activeElement"); presses++)
        {
            await page.Keyboard.PressAsync("ArrowDown");
        }

        await Assertions.Expect(choice).ToBeCheckedAsync();
    }

    /// <summary>A checkbox: Tab to it, Space to tick it.</summary>
    private static async Task ChooseAsync(IPage page, ILocator choice)
    {
        await TabToAsync(page, choice);
        await page.Keyboard.PressAsync("Space");
        await Assertions.Expect(choice).ToBeCheckedAsync();
    }
}
