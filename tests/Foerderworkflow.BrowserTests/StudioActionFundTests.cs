using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Funds;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// The shipped action-fund workflow (imported at start-up from workflows/) edited in Studio: the funding activities
/// in the toolbox, an added and connected step, a publish refused for a missing input and one that succeeds; then an
/// application started before the publish finishes on version 1 while a new one runs on version 2.
/// </summary>
[Collection(StudioBrowserGroup.Name)]
public sealed class StudioActionFundTests(StudioFixture fixture, ITestOutputHelper output)
{
    private const string DefinitionId = "aktions-und-initiativfonds";
    private const string Api = "/elsa/api";

    [Fact]
    public async Task Admin_EditsTheActionFund_AndANewApplicationRunsOnTheNewVersion_WhileAnOlderOneFinishesOnTheOld()
    {
        using var api = await fixture.Server.ApiClientAsync("admin");
        var before = await ReadAsync(api, $"{Api}/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Published");
        var oldVersion = before["version"]!.GetValue<int>();

        // An application submitted before the change: a small project (500 €) waits for the formal review.
        var older = await StartApplicationAsync(api, "AIF-2026-0100", 500m);
        Assert.Equal(oldVersion, older["definitionVersion"]!.GetValue<int>());

        await using var studio = await StudioPage.OpenAsync(fixture, "action-fund", output);
        // The first publish is refused on purpose (400 with the validation messages).
        studio.Expect(400, Api + "/workflow-definitions");
        var page = studio.Page;
        await studio.SignInAsync("admin", "admin");
        var link = page.GetByRole(AriaRole.Link, new() { Name = "Aktions- und Initiativfonds" });
        await link.WaitForAsync();
        await studio.ScreenshotAsync("definition-list");

        await link.ClickAsync();
        await studio.Node("submit").WaitForAsync();
        await studio.Node("formalReview").WaitForAsync();
        await studio.ScreenshotAsync("designer-loaded");

        await studio.OpenToolboxCategoryAsync("Förderung");
        foreach (var name in new[] { "Antrag eingegangen", "Formale Prüfung (KuF)", "Antrag zuleiten", "Entscheidung des Amts", "Antragsteller benachrichtigen" })
        {
            await studio.ToolboxItem(name).WaitForAsync();
        }

        await studio.ScreenshotAsync("toolbox-foerderung");

        // The canvas opens with the whole flowchart fitted: drop into a free spot and wire the new step's Done into
        // "Bewilligung mitteilen" (an In port takes any number of connections).
        var known = await CellIdsAsync(page);
        var canvas = (await page.Locator(".x6-graph").First.BoundingBoxAsync())!;
        var spot = await studio.FreeSpotAsync();
        await studio.MouseDragAsync(studio.ToolboxItem("Antragsteller benachrichtigen"), spot);
        await Assertions.Expect(page.Locator("g.x6-node")).ToHaveCountAsync(known.Count + 1);
        var addedId = Assert.Single((await CellIdsAsync(page)).Except(known));
        var added = studio.Node(addedId);
        await studio.ScreenshotAsync("activity-dropped");

        // A fresh node is selected and X6's selection box would move it instead of starting a connection.
        await page.Mouse.ClickAsync(spot.X, spot.Y < canvas.Y + (canvas.Height / 2) ? spot.Y + 90 : spot.Y - 90);
        var edges = await studio.Edges.CountAsync();
        await studio.MouseDragAsync(StudioPage.Port(added, "Done"), StudioPage.Port(studio.Node("notifyApproved"), "In"));
        await Assertions.Expect(studio.Edges).ToHaveCountAsync(edges + 1);
        await studio.ScreenshotAsync("connected-to-approval-notice");

        // Publishing now fails: the new step's required input "Ereignis" is empty, and Studio shows the server's message.
        await added.ClickAsync();
        var publish = await page.RunAndWaitForResponseAsync(() => studio.PublishButton.ClickAsync(), IsPublish);
        Assert.Equal(400, publish.Status);
        // Named as the designer shows them: the input by its label, the node by the name Studio gave it
        // (Studio numbers a dropped node after the activities of its type already there.)
        await page.Locator(".mud-snackbar", new() { HasTextRegex = new System.Text.RegularExpressions.Regex(@"Pflichtfeld 'Ereignis' von 'Antragsteller benachrichtigen \d+' ist leer\.") }).First.WaitForAsync();
        await studio.ScreenshotAsync("publish-rejected-validation");
        Assert.Equal(oldVersion, (await ReadAsync(api, $"{Api}/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Published"))["version"]!.GetValue<int>());

        // Change the input: pick the event from the dropdown the descriptor offers; auto-save stores it.
        await page.Locator(".mud-input-control", new() { HasText = "Ereignis" }).Locator(".mud-input-slot").First.ClickAsync();
        var saved = await page.RunAndWaitForResponseAsync(
            () => page.GetByRole(AriaRole.Option, new() { Name = "ApplicationRejected", Exact = true }).ClickAsync(),
            r => IsSave(r) && EventOf(r.Request.PostData!, addedId) == "ApplicationRejected");
        Assert.Equal(200, saved.Status);
        await studio.ScreenshotAsync("input-changed");

        publish = await page.RunAndWaitForResponseAsync(() => studio.PublishButton.ClickAsync(), IsPublish);
        Assert.Equal(200, publish.Status);
        await studio.Snackbar("published").First.WaitForAsync();
        await studio.ScreenshotAsync("published");

        // The API has the new version with the step, its input and its connection.
        var published = await ReadAsync(api, $"{Api}/workflow-definitions/by-definition-id/{DefinitionId}?versionOptions=Published");
        var newVersion = published["version"]!.GetValue<int>();
        Assert.Equal(oldVersion + 1, newVersion);
        var step = Assert.Single(published["root"]!["activities"]!.AsArray(), a => a!["id"]!.GetValue<string>() == addedId)!;
        Assert.Equal("Foerderworkflow.Funding.NotifyApplicant", step["type"]!.GetValue<string>());
        Assert.Contains("ApplicationRejected", step["event"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Contains(published["root"]!["connections"]!.AsArray(), c =>
            c!["source"]!["activity"]!.GetValue<string>() == addedId && c["target"]!["activity"]!.GetValue<string>() == "notifyApproved");

        // A newly submitted application runs on the new version ...
        var newer = await StartApplicationAsync(api, "AIF-2026-0101", 2_000m);
        Assert.Equal(newVersion, newer["definitionVersion"]!.GetValue<int>());
        Assert.Equal(published["id"]!.GetValue<string>(), newer["definitionVersionId"]!.GetValue<string>());

        // ... while the older one finishes on version 1: formal review, then (small project) the office rejects.
        var id = older["id"]!.GetValue<string>();
        await ResumeAsync(api, id, "FormalReview", new JsonObject { ["outcome"] = "ToDecision" });
        var finished = await ResumeAsync(api, id, "OfficeDecision", new JsonObject { ["outcome"] = "Reject", ["reasons"] = new JsonArray("Kein Bezug zu den Zielen der Partnerschaft") });
        Assert.Equal("Finished", finished["status"]!.GetValue<string>());
        Assert.Equal(oldVersion, finished["definitionVersion"]!.GetValue<int>());
        Assert.Equal(before["id"]!.GetValue<string>(), finished["definitionVersionId"]!.GetValue<string>());
        Assert.Empty(finished["incidents"]!.AsArray());
    }

    private static bool IsSave(IResponse response) =>
        response.Request.Method == "POST" && response.Url.EndsWith(Api + "/workflow-definitions", StringComparison.Ordinal);

    private static bool IsPublish(IResponse response) =>
        IsSave(response) && response.Request.PostData!.Contains("\"publish\":true", StringComparison.Ordinal);

    /// <summary>The literal event of one activity in a saved model, or null.</summary>
    private static string? EventOf(string saveRequest, string activityId) =>
        JsonNode.Parse(saveRequest)?["model"]?["root"]?["activities"]?.AsArray()
            .FirstOrDefault(a => a?["id"]?.GetValue<string>() == activityId)?["event"]?["expression"]?["value"]?.GetValue<string>();

    private static async Task<IReadOnlyList<string>> CellIdsAsync(IPage page) =>
        await page.Locator("g.x6-node").EvaluateAllAsync<string[]>("nodes => nodes.map(n => n.getAttribute('data-cell-id'))");

    /// <summary>
    /// Resumes the instance's open funding task of <paramref name="step"/> through the runtime API. The applicant's
    /// withdrawal task waits beside every step until the first payout, so the instance holds more than one task.
    /// </summary>
    private static async Task<JsonObject> ResumeAsync(HttpClient api, string instanceId, string step, JsonObject input)
    {
        var instance = (await ReadAsync(api, $"/api/workflow-instances/{instanceId}")).AsObject();
        var task = Assert.Single(instance["waitingFor"]!.AsArray(), t => t!["payload"]?["step"]?.GetValue<string>() == $"Foerderworkflow.Funding.{step}")!;
        var response = await api.PostAsJsonAsync($"/api/bookmarks/{task["id"]!.GetValue<string>()}/resume", new { input });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task<JsonObject> StartApplicationAsync(HttpClient api, string fileNumber, decimal requested)
    {
        var application = new ApplicationCase
        {
            ApplicationId = fileNumber,
            FileNumber = fileNumber,
            BudgetYear = 2026,
            ApplicantName = "Bunt statt braun e. V.",
            ApplicantEmail = "kontakt@buntstattbraun.example",
            Title = "Demokratiefest im Stadtteil",
            RequestedAmount = requested,
            ProjectStart = new DateOnly(2026, 5, 1),
            ProjectEnd = new DateOnly(2026, 9, 30),
        };
        var input = new JsonObject
        {
            ["application"] = FundingVariables.ToJson(application),
            ["fund"] = FundingVariables.ToJson(FundSettings.From(DemoFunds.ActionFund(2026))),
        };
        var response = await api.PostAsJsonAsync("/api/workflow-instances", new { definitionId = DefinitionId, correlationId = fileNumber, input });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private static async Task<JsonNode> ReadAsync(HttpClient api, string url)
    {
        var response = await api.GetAsync(new Uri(url, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }
}
