using System.Net.Http.Json;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>Studio's instance list element on /studio/instances: every version's instances, search, and opening one.</summary>
[Collection(StudioBrowserGroup.Name)]
public sealed class StudioInstanceListTests(StudioFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Admin_SeesInstancesOfEveryVersion_FindsOneByCorrelationId_AndOpensThemByRowClickAndView()
    {
        const string definitionId = "browser-instanzen";
        using var api = await fixture.Server.ApiClientAsync("admin");
        await StudioSeed.PublishStartToEndAsync(api, definitionId, "Instanzliste (Browsertest)");
        var onFirst = await StudioSeed.StartAsync(api, definitionId, "instanz-version-1");
        // A second published version; the first instance stays on version 1.
        await StudioSeed.PublishStartToEndAsync(api, definitionId, "Instanzliste (Browsertest)");
        var onSecond = await StudioSeed.StartAsync(api, definitionId, "instanz-version-2");

        await using var studio = await StudioPage.OpenAsync(fixture, "instances", output);
        var page = studio.Page;
        await studio.SignInAsync("admin", "admin");
        await page.GetByRole(AriaRole.Link, new() { Name = "Instanzen (Elsa Studio)" }).ClickAsync();

        // Both rows, each with its version (the list looks the versions up with "versionOptions=" and their ids).
        var first = Row(page, "instanz-version-1");
        var second = Row(page, "instanz-version-2");
        await Assertions.Expect(first).ToContainTextAsync("Instanzliste (Browsertest)", new() { Timeout = StudioPage.Timeout });
        await Assertions.Expect(second).ToContainTextAsync("Instanzliste (Browsertest)", new() { Timeout = StudioPage.Timeout });
        await Assertions.Expect(first.Locator("td[data-label=Version]")).ToHaveTextAsync("1");
        await Assertions.Expect(second.Locator("td[data-label=Version]")).ToHaveTextAsync("2");
        await Assertions.Expect(first).ToContainTextAsync("Finished");
        await studio.ScreenshotAsync("both-versions");

        // Search by correlation id: only that instance stays.
        await page.Locator("elsa-workflow-instance-list input[placeholder^='Search on Id']").FillAsync("instanz-version-1");
        await Assertions.Expect(second).ToHaveCountAsync(0, new() { Timeout = StudioPage.Timeout });
        await Assertions.Expect(first).ToHaveCountAsync(1);
        await studio.ScreenshotAsync("searched-by-correlation-id");

        // A row click opens the instance's viewer.
        await first.Locator("td[data-label='Correlation ID']").ClickAsync();
        await page.WaitForURLAsync($"**/studio/instances/{onFirst}");
        await studio.Node("start").WaitForAsync();
        await studio.Node("end").WaitForAsync();
        await Assertions.Expect(page.GetByText(" - Completed")).ToHaveCountAsync(2, new() { Timeout = StudioPage.Timeout });
        await studio.ScreenshotAsync("opened-by-row-click");

        // The viewer's "Definition ID" opens the designer (not the raw API); its structured-logs link is not offered.
        await Assertions.Expect(page.Locator("a[href*='diagnostics/structured-logs']")).ToBeHiddenAsync();
        await page.Locator($"a[href='/studio/edit/{definitionId}']").ClickAsync();
        await page.WaitForURLAsync($"**/studio/edit/{definitionId}");
        await studio.Node("start").WaitForAsync();
        await studio.ScreenshotAsync("definition-link-opens-designer");

        // "View" in a row's menu opens that instance; the menu offers no "Delete" (instances are records).
        await page.GotoAsync("/studio/instances");
        await second.Locator("td:last-child button").ClickAsync();
        var view = page.Locator(".mud-popover-open .mud-menu-item", new() { HasText = "View" });
        await view.WaitForAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-menu-item", new() { HasText = "Delete" })).ToBeHiddenAsync();
        await studio.ScreenshotAsync("row-menu");
        await view.ClickAsync();
        await page.WaitForURLAsync($"**/studio/instances/{onSecond}");
        await studio.Node("end").WaitForAsync();
        await studio.ScreenshotAsync("opened-by-view");
    }

    private static ILocator Row(IPage page, string correlationId) =>
        page.Locator("elsa-workflow-instance-list tbody tr", new() { HasTextString = correlationId });
}
