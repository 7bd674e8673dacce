using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>Studio's instance list and viewer elements on /studio/instances and /studio/instances/{id}, fed by our instances and journal.</summary>
[Collection(StudioBrowserGroup.Name)]
public sealed class StudioInstanceListTests(StudioFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Admin_SeesInstancesWithTheirWorkflowAndState_AndAnInstancesJournal()
    {
        const string definitionId = "browser-instanzen";
        var model = StudioDesignerTests.Seed(definitionId);
        model["name"] = "Instanzliste (Browsertest)";
        using var api = await fixture.Server.ApiClientAsync("admin");
        (await api.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model, publish = true })).EnsureSuccessStatusCode();
        var started = await api.PostAsJsonAsync("/api/workflow-instances", new { definitionId, correlationId = "instanz-browsertest" });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instanceId = JsonNode.Parse(await started.Content.ReadAsStringAsync())!["id"]!.GetValue<string>();

        await using var studio = await StudioPage.OpenAsync(fixture, "instances", output);
        await studio.SignInAsync("admin", "admin");
        await studio.Page.GetByRole(AriaRole.Link, new() { Name = "Instanzen (Elsa Studio)" }).ClickAsync();

        var row = studio.Page.Locator("tr", new() { HasTextString = "instanz-browsertest" });
        await row.WaitForAsync();
        await Assertions.Expect(row).ToContainTextAsync("Instanzliste (Browsertest)");
        await Assertions.Expect(row).ToContainTextAsync("Finished");
        await Assertions.Expect(row).ToContainTextAsync(instanceId);
        await studio.ScreenshotAsync("instance-list");

        // The viewer element on its own page (a row click cannot navigate: see docs/studio.md).
        await studio.Page.GotoAsync($"/studio/instances/{instanceId}");
        await studio.Node("start").WaitForAsync();
        await studio.Node("end").WaitForAsync();
        // Journal: both activities completed; details: the workflow's name.
        await Assertions.Expect(studio.Page.GetByText("Completed")).ToHaveCountAsync(2, new() { Timeout = StudioPage.Timeout });
        await Assertions.Expect(studio.Page.GetByText("Instanzliste (Browsertest)")).ToBeVisibleAsync(new() { Timeout = StudioPage.Timeout });
        await studio.ScreenshotAsync("instance-viewer");
    }
}
