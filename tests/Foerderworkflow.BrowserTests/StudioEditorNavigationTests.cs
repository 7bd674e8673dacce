using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// Where the designer's buttons lead: "Save As" edits the copy (and its URL survives a reload), "Run workflow" opens the
/// started instance, and what the server does not offer (version delete, the activity test run, running a workflow
/// that needs a start input) is not shown.
/// </summary>
[Collection(StudioBrowserGroup.Name)]
public sealed class StudioEditorNavigationTests(StudioFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task SaveAs_EditsTheCopy_WhoseUrlSurvivesAReload_AndRunWorkflow_OpensTheStartedInstance()
    {
        const string definitionId = "browser-speichern-unter";
        using var api = await fixture.Server.ApiClientAsync("admin");
        await StudioSeed.PublishStartToEndAsync(api, definitionId, "Vorlage (Browsertest)");

        await using var studio = await StudioPage.OpenAsync(fixture, "save-as", output);
        var page = studio.Page;
        await studio.SignInAsync("admin", "admin");
        await page.GotoAsync($"/studio/edit/{definitionId}");
        await studio.Node("start").WaitForAsync();
        await studio.ScreenshotAsync("original");

        // The menu beside Publish → "Save As" → a name in Studio's dialog → Ok.
        await page.Locator("div.mud-button-group-root .mud-menu button").First.ClickAsync();
        await page.Locator(".mud-popover-open .mud-menu-item", new() { HasText = "Save As" }).ClickAsync();
        var name = page.Locator(".mud-dialog input").First;
        await name.FillAsync("Kopie (Browsertest)");
        await studio.ScreenshotAsync("save-as-dialog");
        await page.Locator(".mud-dialog button", new() { HasText = "Ok" }).ClickAsync();

        // The page now hosts the copy.
        await page.WaitForURLAsync(url => url.Contains("/studio/edit/", StringComparison.Ordinal) && !url.EndsWith(definitionId, StringComparison.Ordinal));
        var copyId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        await Assertions.Expect(page.Locator("nav")).ToContainTextAsync("Kopie (Browsertest)");
        await studio.Node("start").WaitForAsync();
        await studio.ScreenshotAsync("editing-the-copy");
        var copy = await StudioSeed.ReadAsync(api, $"{StudioSeed.Api}/workflow-definitions/by-definition-id/{copyId}?versionOptions=Latest");
        Assert.Equal("Kopie (Browsertest)", copy["name"]!.GetValue<string>());
        var original = await StudioSeed.ReadAsync(api, $"{StudioSeed.Api}/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Latest");
        Assert.Equal("Vorlage (Browsertest)", original["name"]!.GetValue<string>());

        // Studio's own route for it works on a reload as well.
        await page.GotoAsync($"/studio/workflows/definitions/{copyId}/edit");
        await page.WaitForURLAsync($"**/studio/edit/{copyId}");
        await studio.Node("end").WaitForAsync();

        // Version history: no "Delete" (neither per version nor in bulk).
        await page.Mouse.ClickAsync(700, 300);
        await page.Locator(".mud-tab", new() { HasText = "Version history" }).ClickAsync();
        var versionRow = page.Locator("tr", new() { HasText = "1" }).Locator("td:last-child button").First;
        await versionRow.ClickAsync();
        await page.Locator(".mud-popover-open .mud-menu-item", new() { HasText = "Rollback to this version" }).WaitForAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-menu-item", new() { HasText = "Delete" })).ToBeHiddenAsync();
        await Assertions.Expect(page.Locator("button", new() { HasText = "Bulk actions" })).ToBeHiddenAsync();
        await studio.ScreenshotAsync("version-history-without-delete");
        await page.Keyboard.PressAsync("Escape");

        // An activity's tabs: no "Test" (a single step cannot run outside its instance here).
        await studio.Node("end").ClickAsync();
        await page.Locator(".mud-tab", new() { HasText = "Info" }).WaitForAsync();
        await Assertions.Expect(page.Locator(".mud-tab", new() { HasTextRegex = new System.Text.RegularExpressions.Regex("^\\s*Test\\s*$") })).ToBeHiddenAsync();

        // "Run workflow" (a workflow without start input): the started instance opens.
        await page.Locator("elsa-workflow-definition-editor button.ml-4").ClickAsync();
        await page.WaitForURLAsync("**/studio/instances/**");
        await studio.Node("end").WaitForAsync();
        var instanceId = page.Url[(page.Url.LastIndexOf('/') + 1)..];
        var instance = await StudioSeed.ReadAsync(api, $"/api/workflow-instances/{instanceId}");
        Assert.Equal(copyId, instance["definitionId"]!.GetValue<string>());
        Assert.Equal("Finished", instance["status"]!.GetValue<string>());
        await studio.ScreenshotAsync("run-opened-instance");
    }

    [Fact]
    public async Task FundingWorkflow_ReadsItsStartInput_SoRunWorkflowIsNotOffered()
    {
        await using var studio = await StudioPage.OpenAsync(fixture, "run-hidden", output);
        var page = studio.Page;
        await studio.SignInAsync("admin", "admin");
        await page.GotoAsync("/studio/edit/aktions-und-initiativfonds");
        await studio.Node("submit").WaitForAsync();
        await studio.PublishButton.WaitForAsync();
        await Assertions.Expect(page.Locator("elsa-workflow-definition-editor button.ml-4")).ToBeHiddenAsync();
        await studio.ScreenshotAsync("no-run-button");
    }
}
