using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

[Collection(StudioBrowserGroup.Name)]
public sealed class StudioDesignerTests(StudioFixture fixture, ITestOutputHelper output)
{
    private static readonly float Timeout = 120_000;

    [Fact]
    public async Task Explore()
    {
        var admin = await fixture.Server.ApiClientAsync("admin");
        (await admin.PostAsJsonAsync("/elsa/api/workflow-definitions", new { model = Seed("browser-explore"), publish = true })).EnsureSuccessStatusCode();
        await using var context = await fixture.Browser.NewContextAsync(new() { BaseURL = fixture.Server.BaseUrl.ToString(), ViewportSize = new() { Width = 1600, Height = 1000 } });
        var page = await context.NewPageAsync();
        page.SetDefaultTimeout(Timeout);
        page.Console += (_, m) => output.WriteLine($"console {m.Type}: {m.Text}");
        await page.GotoAsync("/studio/");
        await page.FillAsync("input[name=userName]", "admin");
        await page.FillAsync("input[name=password]", "admin");
        await page.ClickAsync("button[type=submit]");
        await page.GetByRole(AriaRole.Link, new() { Name = "Aktionsfonds (Browsertest)" }).ClickAsync();
        await page.Locator(".x6-graph-svg").First.WaitForAsync();
        await page.WaitForTimeoutAsync(5000);
        await page.ScreenshotAsync(new() { Path = Path.Combine(StudioFixture.ScreenshotFolder, "explore.png") });
        await File.WriteAllTextAsync(Path.Combine(StudioFixture.ScreenshotFolder, "explore.html"), await page.ContentAsync());
    }

    private static JsonObject Seed(string definitionId) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = "Aktionsfonds (Browsertest)",
        ["variables"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1",
            ["nodeId"] = "Workflow1:flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray(Activity("start", "Elsa.Start", 0, 0), Activity("end", "Elsa.End", 500, 0)),
            ["connections"] = new JsonArray(new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = "start", ["port"] = "Done" },
                ["target"] = new JsonObject { ["activity"] = "end", ["port"] = "In" },
            }),
        },
    };

    private static JsonObject Activity(string id, string type, int x, int y) => new()
    {
        ["id"] = id,
        ["nodeId"] = $"Workflow1:flowchart1:{id}",
        ["name"] = id,
        ["type"] = type,
        ["version"] = 1,
        ["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = x, ["y"] = y } } },
    };
}
