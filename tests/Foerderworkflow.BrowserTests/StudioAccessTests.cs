using Foerderworkflow.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>Who gets into /studio/, and creating a definition from the list.</summary>
[Collection(StudioBrowserGroup.Name)]
public sealed class StudioAccessTests(StudioFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task NonAdmin_SignsIn_AndGetsNoAccess()
    {
        await using var studio = await StudioPage.OpenAsync(fixture, "non-admin", output);
        var page = studio.Page;
        // The applicant is refused on purpose (403 with the German page).
        studio.Expect(403, "/studio/");

        await studio.SignInAsync("traeger", "traeger");
        // Signed in once the access cookie is set. Not awaited as a navigation: the sign-in redirects to a 403 without a
        // page, and Playwright then waits for a "load" that Chromium's error page never reports (timed out on a busy box).
        await Poll.UntilAsync(async () => (await page.Context.CookiesAsync()).Any(c => c.Name == "fw_access"), TimeSpan.FromMinutes(2), "the access cookie of the sign-in");
        var list = await page.GotoAsync("/studio/");
        Assert.Equal(403, list!.Status);
        // A German page that says why, with the way out, not an empty answer.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Kein Zugang" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("body")).ToContainTextAsync("keine Berechtigung");
        await studio.ScreenshotAsync("studio-forbidden");
        await page.GetByRole(AriaRole.Button, new() { Name = "Abmelden" }).ClickAsync();
        await page.WaitForURLAsync("**/studio/signin**");
        Assert.DoesNotContain(await page.Context.CookiesAsync(), c => c.Name == "fw_access");
        await studio.ScreenshotAsync("signed-out");

        // Signed in again as the applicant: API and bundle stay closed.
        await page.FillAsync("input[name=userName]", "traeger");
        await page.FillAsync("input[name=password]", "traeger");
        await page.ClickAsync("button[type=submit]");
        await Poll.UntilAsync(async () => (await page.Context.CookiesAsync()).Any(c => c.Name == "fw_access"), TimeSpan.FromMinutes(2), "the access cookie of the second sign-in");
        var api = await page.APIRequest.GetAsync("/elsa/api/descriptors/activities");
        Assert.Equal(403, api.Status);
        var bundle = await page.APIRequest.GetAsync("/studio/_framework/blazor.webassembly.js");
        Assert.Equal(403, bundle.Status);
        Assert.Equal(0, await page.Locator("elsa-workflow-definition-editor").CountAsync());
    }

    [Fact]
    public async Task Admin_CreatesADefinitionFromTheList_AndTheDesignerOpensIt()
    {
        await using var studio = await StudioPage.OpenAsync(fixture, "create", output);
        var page = studio.Page;

        await studio.SignInAsync("admin", "admin");
        await page.FillAsync("input[name=name]", "Kleinprojekt (Browsertest)");
        await studio.ScreenshotAsync("list-new-definition");
        await page.GetByRole(AriaRole.Button, new() { Name = "Anlegen" }).ClickAsync();
        await page.WaitForURLAsync("**/studio/edit/**");
        await studio.Node("start1").WaitForAsync();
        await Assertions.Expect(page.Locator("nav")).ToContainTextAsync("Kleinprojekt (Browsertest)");
        await studio.ScreenshotAsync("designer-new-definition");
    }
}
