using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// Studio's instance viewer on /studio/instances/{id}: the canvas marks executed, waiting and faulted steps, the journal
/// names each entry by what happened, variables are listed, incidents navigate, and the list cancels an instance
/// through the engine with the administrator in the journal.
/// </summary>
[Collection(StudioBrowserGroup.Name)]
public sealed class StudioInstanceViewerTests(StudioFixture fixture, ITestOutputHelper output)
{
    private const string ActionFund = "aktions-und-initiativfonds";

    [Fact]
    public async Task Viewer_MarksExecutedAndWaitingSteps_ListsVariables_AndTheListCancelsTheInstance()
    {
        using var api = await fixture.Server.ApiClientAsync("admin");
        var application = await StudioSeed.StartApplicationAsync(api, ActionFund, "AIF-2026-0300", 800m);
        var instanceId = application["id"]!.GetValue<string>();

        await using var studio = await StudioPage.OpenAsync(fixture, "viewer-waiting", output);
        var page = studio.Page;
        await studio.SignInAsync("admin", "admin");
        await page.GotoAsync($"/studio/instances/{instanceId}");

        // Executed steps carry a green badge, the waiting formal review an orange one.
        await Assertions.Expect(Badge(studio, "submit")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("success"), new() { Timeout = StudioPage.Timeout });
        await Assertions.Expect(Badge(studio, "formalReview")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("warning"), new() { Timeout = StudioPage.Timeout });
        // The journal calls the waiting step "Suspended", never "Completed".
        await Assertions.Expect(page.GetByText("Formale Prüfung (KuF) - Suspended").First).ToBeVisibleAsync(new() { Timeout = StudioPage.Timeout });
        await Assertions.Expect(page.GetByText("Formale Prüfung (KuF) - Completed")).ToHaveCountAsync(0);
        // The variables the steps set, declared by the shipped workflow.
        await page.Locator(".mud-tab", new() { HasText = "Variables" }).ClickAsync();
        await Assertions.Expect(page.GetByText("application", new() { Exact = true }).First).ToBeVisibleAsync(new() { Timeout = StudioPage.Timeout });
        await Assertions.Expect(page.GetByText("AIF-2026-0300").First).ToBeAttachedAsync(new() { Timeout = StudioPage.Timeout });
        await studio.ScreenshotAsync("waiting-step-marked");

        // Cancel from the list's row menu, confirmed in Studio's dialog.
        await page.GotoAsync("/studio/instances");
        var row = page.Locator("elsa-workflow-instance-list tbody tr", new() { HasTextString = "AIF-2026-0300" });
        await row.Locator("td:last-child button").ClickAsync();
        await page.Locator(".mud-popover-open .mud-menu-item", new() { HasText = "Cancel" }).ClickAsync();
        await studio.ScreenshotAsync("cancel-confirmation");
        var cancelled = await page.RunAndWaitForResponseAsync(
            () => page.Locator(".mud-dialog button", new() { HasText = "Yes" }).ClickAsync(),
            r => r.Url.EndsWith($"/elsa/api/cancel/workflow-instances/{instanceId}", StringComparison.Ordinal));
        Assert.Equal(200, cancelled.Status);
        await Assertions.Expect(row).ToContainTextAsync("Cancelled", new() { Timeout = StudioPage.Timeout });
        await studio.ScreenshotAsync("cancelled");

        // Through the engine: no open task left, and the journal says who stopped which step.
        var instance = await StudioSeed.ReadAsync(api, $"/api/workflow-instances/{instanceId}");
        Assert.Equal("Cancelled", instance["status"]!.GetValue<string>());
        Assert.Empty(instance["waitingFor"]!.AsArray());
        var stopped = instance["journal"]!.AsArray().Where(e => e!["outcome"]!.GetValue<string>() == "Cancelled").ToList();
        Assert.Contains(stopped, e => e!["activityId"]!.GetValue<string>() == "formalReview");
        Assert.All(stopped, e => Assert.Contains("admin", e!["actor"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task Viewer_MarksAFaultedStep_AndItsIncidentNavigatesToIt()
    {
        const string definitionId = "browser-fehler";
        using var api = await fixture.Server.ApiClientAsync("admin");
        var decision = StudioSeed.Activity("decision", "Elsa.FlowDecision", 300, 0);
        decision["condition"] = new JsonObject { ["typeName"] = "Boolean", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "nichtDefiniert()" } };
        var model = FlowchartJson.Flowchart(
            definitionId,
            "Mit Fehler (Browsertest)",
            [StudioSeed.Activity("start", "Elsa.Start", 0, 0), decision, StudioSeed.Activity("end", "Elsa.End", 600, 0)],
            [("start", "Done", "decision"), ("decision", "True", "end"), ("decision", "False", "end")]);
        (await api.PostAsJsonAsync(StudioSeed.Api + "/workflow-definitions", new { model, publish = true })).EnsureSuccessStatusCode();
        var instanceId = await StudioSeed.StartAsync(api, definitionId, "fehler-1");

        await using var studio = await StudioPage.OpenAsync(fixture, "viewer-faulted", output);
        var page = studio.Page;
        await studio.SignInAsync("admin", "admin");
        await page.GotoAsync($"/studio/instances/{instanceId}");

        await Assertions.Expect(Badge(studio, "start")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("success"), new() { Timeout = StudioPage.Timeout });
        await Assertions.Expect(Badge(studio, "decision")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("error"), new() { Timeout = StudioPage.Timeout });
        await Assertions.Expect(page.GetByText(" - Faulted").First).ToBeVisibleAsync(new() { Timeout = StudioPage.Timeout });
        await studio.ScreenshotAsync("faulted-step-marked");

        // The incident's "Navigate" selects the faulted node (the incident names it by its node id, so Studio finds it
        // in the flowchart; a wrong id made it ask the server for the node's path, which answered 404).
        await page.Locator(".mud-tab", new() { HasText = "Incidents" }).ClickAsync();
        await page.Locator(".incidents-custom-spacing .mud-expand-panel-header").First.ClickAsync();
        var navigate = page.Locator("button", new() { HasText = "Navigate" }).First;
        await navigate.ClickAsync();
        await Assertions.Expect(page.GetByText("No data available.")).ToHaveCountAsync(0, new() { Timeout = StudioPage.Timeout });
        await studio.ScreenshotAsync("incident-navigated");
    }

    /// <summary>The status badge Studio puts on a node of the instance's canvas.</summary>
    private static ILocator Badge(StudioPage studio, string activityId) => studio.Node(activityId).Locator(".mud-badge").First;
}
