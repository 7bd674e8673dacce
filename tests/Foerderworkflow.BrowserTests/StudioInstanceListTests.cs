using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>Studio's instance list element (<c>elsa-workflow-instance-list</c>) on /studio/instances, fed by our instances.</summary>
[Collection(StudioBrowserGroup.Name)]
public sealed class StudioInstanceListTests(StudioFixture fixture, ITestOutputHelper output)
{
    [Fact]
    public async Task Admin_SeesInstancesWithTheirWorkflowAndState()
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
    }
}
