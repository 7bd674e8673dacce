using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Testing;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// An administrator designs a workflow in the real Elsa Studio 3.8.2 bundle against the real server: sign in, list,
/// editor, toolbox, drag and connect, a rejected publish, an input change and a successful publish, checked through the
/// API. Screenshots of every step land in TestResults/screenshots/ under the test output folder.
/// </summary>
[Collection(StudioBrowserGroup.Name)]
public sealed class StudioDesignerTests(StudioFixture fixture, ITestOutputHelper output)
{
    private const string Api = "/elsa/api";

    [Fact]
    public async Task Admin_DragsConnectsEditsAndPublishes_AndTheApiHasTheNewVersion()
    {
        const string definitionId = "browser-aktionsfonds";
        using var api = await fixture.Server.ApiClientAsync("admin");
        (await api.PostAsJsonAsync(Api + "/workflow-definitions", new { model = Seed(definitionId), publish = true })).EnsureSuccessStatusCode();
        await using var studio = await StudioPage.OpenAsync(fixture, "designer", output);
        // The first publish is refused on purpose (400 with the validation messages).
        studio.Expect(400, Api + "/workflow-definitions");
        var page = studio.Page;

        await studio.SignInAsync("admin", "admin");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Aktionsfonds (Browsertest)" });
        await link.WaitForAsync();
        await studio.ScreenshotAsync("definition-list");

        await link.ClickAsync();
        await studio.Node("start").WaitForAsync();
        await studio.Node("end").WaitForAsync();
        Assert.Equal(1, await studio.Edges.CountAsync());
        await studio.ScreenshotAsync("designer-loaded");

        await studio.OpenToolboxCategoryAsync("Aufgaben");
        await studio.ToolboxItem("Aufgabe").First.WaitForAsync();
        await studio.ScreenshotAsync("toolbox-aufgaben");
        await studio.OpenToolboxCategoryAsync("Ablauf");
        var decision = studio.ToolboxItem("Entscheidung");
        await decision.WaitForAsync();
        await studio.ScreenshotAsync("toolbox-ablauf");

        // Drop "Entscheidung" below the existing connection (HTML5 drag with the real mouse), then wire
        // decision.True → End.In by dragging between the X6 ports (see docs/studio.md for Start.Done).
        var startBox = (await studio.Node("start").BoundingBoxAsync())!;
        await studio.MouseDragAsync(decision, (startBox.X + 300, startBox.Y + 140));
        var dropped = page.Locator("g.x6-node", new() { HasText = "Entscheidung" });
        await dropped.WaitForAsync();
        await studio.ScreenshotAsync("activity-dropped");

        // The dropped node is selected, and X6's selection box over it would move the node instead of starting a
        // connection at its port: click the empty canvas first.
        await page.Mouse.ClickAsync(startBox.X, startBox.Y - 150);
        await studio.MouseDragAsync(StudioPage.Port(dropped, "True"), StudioPage.Port(studio.Node("end"), "In"));
        await studio.ScreenshotAsync("connected-true-to-end");
        await Assertions.Expect(studio.Edges).ToHaveCountAsync(2);
        await studio.ScreenshotAsync("dropped-and-connected");

        // Publishing now fails validation (the decision's required condition is empty): Studio shows the 400's message.
        await dropped.ClickAsync();
        var publishResponse = await page.RunAndWaitForResponseAsync(() => studio.PublishButton.ClickAsync(), IsPublish);
        Assert.Equal(400, publishResponse.Status);
        await studio.Snackbar("Pflichtfeld").First.WaitForAsync();
        await studio.ScreenshotAsync("publish-rejected-validation");
        var published = await ReadAsync(api, $"{Api}/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Published");
        Assert.Equal(1, published["version"]!.GetValue<int>());

        // Change the input: the condition of the selected decision; auto-save sends it.
        var condition = page.Locator(".mud-input-control", new() { HasText = "Bedingung" }).Locator("input").First;
        var saved = await page.RunAndWaitForResponseAsync(
            async () =>
            {
                await condition.FillAsync("true");
                await condition.PressAsync("Tab");
            },
            r => IsSave(r) && r.Request.PostData!.Contains("\"true\"", StringComparison.Ordinal));
        Assert.Equal(200, saved.Status);
        await studio.ScreenshotAsync("input-changed");

        publishResponse = await page.RunAndWaitForResponseAsync(() => studio.PublishButton.ClickAsync(), IsPublish);
        Assert.Equal(200, publishResponse.Status);
        await studio.Snackbar("published").First.WaitForAsync();
        await studio.ScreenshotAsync("published");

        // The API now serves version 2 as the published one, with the new activity, its input and connections.
        published = await ReadAsync(api, $"{Api}/workflow-definitions/by-definition-id/{definitionId}?versionOptions=Published");
        Assert.Equal(2, published["version"]!.GetValue<int>());
        Assert.True(published["isPublished"]!.GetValue<bool>());
        var root = published["root"]!;
        var added = Assert.Single(root["activities"]!.AsArray(), a => a!["type"]!.GetValue<string>() == "Elsa.FlowDecision")!;
        Assert.Contains("true", added["condition"]!.ToJsonString(), StringComparison.Ordinal);
        var addedId = added["id"]!.GetValue<string>();
        var connections = root["connections"]!.AsArray().Select(c => $"{c!["source"]!["activity"]}.{c["source"]!["port"]}->{c["target"]!["activity"]}").ToList();
        Assert.Equal(["start.Done->end", $"{addedId}.True->end"], connections.Order(StringComparer.Ordinal).Reverse());
        var versions = await ReadAsync(api, $"{Api}/workflow-definitions?versionOptions=AllVersions&DefinitionIds={definitionId}&Page=0&PageSize=10");
        Assert.Equal(2, versions["totalCount"]?.GetValue<int>() ?? versions["items"]!.AsArray().Count);
    }

    [Fact]
    public async Task Definition_WithAnUnknownActivityType_RendersWithAPlaceholder()
    {
        const string definitionId = "browser-unbekannt";
        var model = Seed(definitionId);
        model["name"] = "Mit unbekanntem Typ (Browsertest)";
        var root = model["root"]!;
        root["activities"]!.AsArray().Add(Activity("legacy", "Foerderworkflow.Alt.Vorpruefung", 300, 150));
        root["connections"]!.AsArray().Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = "legacy", ["port"] = "Geprueft" },
            ["target"] = new JsonObject { ["activity"] = "end", ["port"] = "In" },
        });
        using var api = await fixture.Server.ApiClientAsync("admin");
        (await api.PostAsJsonAsync(Api + "/workflow-definitions", new { model, publish = false })).EnsureSuccessStatusCode();
        await using var studio = await StudioPage.OpenAsync(fixture, "unknown-type", output);

        await studio.SignInAsync("admin", "admin");
        await studio.Page.GetByRole(AriaRole.Link, new() { Name = "Mit unbekanntem Typ (Browsertest)" }).ClickAsync();

        // Without a descriptor for the type Studio would leave the whole canvas empty.
        await studio.Node("start").WaitForAsync();
        await Assertions.Expect(studio.Node("legacy")).ToContainTextAsync("Unbekannt: Vorpruefung");
        await Assertions.Expect(studio.Edges).ToHaveCountAsync(2);
        await studio.ScreenshotAsync("placeholder-rendered");
    }

    private static bool IsSave(IResponse response) =>
        response.Request.Method == "POST" && response.Url.EndsWith(Api + "/workflow-definitions", StringComparison.Ordinal);

    private static bool IsPublish(IResponse response) =>
        IsSave(response) && response.Request.PostData!.Contains("\"publish\":true", StringComparison.Ordinal);

    private static async Task<JsonNode> ReadAsync(HttpClient api, string url)
    {
        var response = await api.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    /// <summary>The published first version: Start → End, laid out left to right.</summary>
    internal static JsonObject Seed(string definitionId) => FlowchartJson.Flowchart(
        definitionId,
        "Aktionsfonds (Browsertest)",
        [Activity("start", "Elsa.Start", 0, 0), Activity("end", "Elsa.End", 600, 0)],
        [("start", "Done", "end")]);

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
