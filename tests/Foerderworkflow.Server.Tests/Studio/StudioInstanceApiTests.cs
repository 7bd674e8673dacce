using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Studio;

/// <summary>What Studio's instance list and viewer read and do beyond the list itself: versions, journal, executions, variables, cancel.</summary>
public sealed class StudioInstanceApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Api = "/elsa/api";

    [Fact]
    public async Task VersionLookup_WithEmptyVersionOptions_FindsOlderVersions_WhileLatestStillMeansLatest()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(TestDefinitions.WaitForGo("studio-versions"), publish: true));
        var first = await ReadAsync(await admin.GetAsync($"{Api}/workflow-definitions/by-definition-id/studio-versions?versionOptions=Published"));
        await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(TestDefinitions.WaitForGo("studio-versions"), publish: true));
        var second = await ReadAsync(await admin.GetAsync($"{Api}/workflow-definitions/by-definition-id/studio-versions?versionOptions=Published"));
        Assert.Equal(2, second["version"]!.GetValue<int>());

        // As Studio's instance list asks: "versionOptions=" and the version ids its rows run on.
        var both = await ReadAsync(await admin.GetAsync($"{Api}/workflow-definitions?versionOptions=&Ids={first["id"]}&Ids={second["id"]}"));
        Assert.Equal([1, 2], both["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()).Order());
        var latest = await ReadAsync(await admin.GetAsync($"{Api}/workflow-definitions?versionOptions=Latest&DefinitionIds=studio-versions"));
        Assert.Equal(2, Assert.Single(latest["items"]!.AsArray())!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Viewer_JournalNamesWaitingSteps_ExecutionsAndReportMarkThem_ExecutionStateAndVariablesAnswer()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(TestDefinitions.WaitForGo("studio-viewer"), publish: true));
        var instance = await ReadAsync(await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "studio-viewer", correlationId = "viewer-1", input = new { betrag = 500 } }));
        var id = instance["id"]!.GetValue<string>();

        var journal = await ReadAsync(await admin.PostAsJsonAsync($"{Api}/workflow-instances/{id}/journal?skip=0&take=10", new { filter = new { } }));
        Assert.Equal(["start:Completed", "go:Suspended"], journal["items"]!.AsArray().Select(e => $"{e!["activityId"]}:{e["eventName"]}"));
        var suspendedOnly = await ReadAsync(await admin.PostAsJsonAsync($"{Api}/workflow-instances/{id}/journal", new { filter = new { eventNames = new[] { "Suspended" } } }));
        Assert.Equal("go", Assert.Single(suspendedOnly["items"]!.AsArray())!["activityId"]!.GetValue<string>());

        var report = await ReadAsync(await admin.PostAsJsonAsync($"{Api}/activity-executions/report", new { workflowInstanceId = id, activityNodeIds = new[] { "Workflow1:flowchart1:start", "Workflow1:flowchart1:go", "Workflow1:flowchart1:end" } }));
        var stats = report["stats"]!.AsArray().ToDictionary(s => s!["activityId"]!.GetValue<string>(), s => s!);
        Assert.Equal(1, stats["start"]["completedCount"]!.GetValue<int>());
        Assert.False(stats["start"]["isBlocked"]!.GetValue<bool>());
        Assert.True(stats["go"]["isBlocked"]!.GetValue<bool>());
        Assert.Equal(1, stats["go"]["uncompletedCount"]!.GetValue<int>());
        Assert.False(stats.ContainsKey("end"));

        var executions = await ReadAsync(await admin.GetAsync($"{Api}/activity-executions/list?workflowInstanceId={id}&activityNodeId=Workflow1:flowchart1:go"));
        var waiting = Assert.Single(executions["items"]!.AsArray())!;
        Assert.Equal("Running", waiting["status"]!.GetValue<string>());
        Assert.True(waiting["hasBookmarks"]!.GetValue<bool>());
        var byId = await ReadAsync(await admin.GetAsync($"{Api}/activity-executions/by-id?id={waiting["id"]}"));
        Assert.Equal("go", byId["activityId"]!.GetValue<string>());

        var state = await ReadAsync(await admin.GetAsync($"{Api}/workflow-instances/{id}/execution-state"));
        Assert.Equal("Running", state["status"]!.GetValue<string>());
        Assert.Equal("Suspended", state["workflowSubStatus"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"{Api}/workflow-instances/gibt-es-nicht/execution-state")).StatusCode);

        // Resumed: one execution from suspension to completion, completed.
        await admin.PostAsJsonAsync("/api/events/Go", new { correlationId = "viewer-1" });
        executions = await ReadAsync(await admin.GetAsync($"{Api}/activity-executions/list?workflowInstanceId={id}&activityNodeId=Workflow1:flowchart1:go"));
        var completed = Assert.Single(executions["items"]!.AsArray())!;
        Assert.Equal("Completed", completed["status"]!.GetValue<string>());
        Assert.NotNull(completed["completedAt"]);
    }

    [Fact]
    public async Task Viewer_FaultedStepIsFaultedInJournalAndReport_AndItsIncidentNavigatesToTheNode()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(TestDefinitions.Faulty("studio-faulty"), publish: true));
        var instance = await ReadAsync(await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "studio-faulty" }));
        var id = instance["id"]!.GetValue<string>();

        var journal = await ReadAsync(await admin.PostAsJsonAsync($"{Api}/workflow-instances/{id}/journal", new { filter = new { eventNames = new[] { "Faulted" } } }));
        Assert.Equal("decide", Assert.Single(journal["items"]!.AsArray())!["activityId"]!.GetValue<string>());
        var report = await ReadAsync(await admin.PostAsJsonAsync($"{Api}/activity-executions/report", new { workflowInstanceId = id, activityNodeIds = new[] { "Workflow1:flowchart1:decide" } }));
        Assert.True(Assert.Single(report["stats"]!.AsArray())!["isFaulted"]!.GetValue<bool>());

        var viewed = await ReadAsync(await admin.GetAsync($"{Api}/workflow-instances/{id}"));
        var nodeId = Assert.Single(viewed["workflowState"]!["incidents"]!.AsArray())!["activityNodeId"]!.GetValue<string>();
        var segments = await ReadAsync(await admin.GetAsync($"{Api}/workflow-definitions/subgraph/segments/{viewed["definitionVersionId"]}?childNodeId={nodeId}"));
        Assert.Equal("decide", segments["childNode"]!["activity"]!["id"]!.GetValue<string>());
        Assert.Empty(segments["pathSegments"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync($"{Api}/workflow-definitions/subgraph/segments/{viewed["definitionVersionId"]}?childNodeId=nichts")).StatusCode);
    }

    [Fact]
    public async Task Cancel_GoesThroughTheEngine_JournalsTheAdministrator_AndIsRefusedForAFinishedInstance()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(TestDefinitions.WaitForGo("studio-cancel"), publish: true));
        var instance = await ReadAsync(await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "studio-cancel" }));
        var id = instance["id"]!.GetValue<string>();

        var applicant = await factory.SignedInClientAsync("traeger");
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.PostAsync($"{Api}/cancel/workflow-instances/{id}", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync($"{Api}/cancel/workflow-instances/{id}", null)).StatusCode);

        var cancelled = await ReadAsync(await admin.GetAsync($"/api/workflow-instances/{id}"));
        Assert.Equal("Cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Empty(cancelled["waitingFor"]!.AsArray());
        var entry = cancelled["journal"]!.AsArray().Last()!;
        Assert.Equal("go", entry["activityId"]!.GetValue<string>());
        Assert.Equal("Cancelled", entry["outcome"]!.GetValue<string>());
        Assert.Contains("admin", entry["actor"]!.GetValue<string>(), StringComparison.Ordinal);
        var journal = await ReadAsync(await admin.PostAsJsonAsync($"{Api}/workflow-instances/{id}/journal", new { }));
        Assert.Equal("Cancelled", journal["items"]!.AsArray().Last()!["eventName"]!.GetValue<string>());

        // Nothing left to cancel: a German problem, nothing changed.
        var again = await admin.PostAsync($"{Api}/cancel/workflow-instances/{id}", null);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("abgebrochen", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync($"{Api}/cancel/workflow-instances/gibt-es-nicht", null)).StatusCode);
    }

    private static JsonObject Save(JsonObject model, bool publish) => new() { ["model"] = model.DeepClone(), ["publish"] = publish };

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
