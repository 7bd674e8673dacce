using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests;

public sealed class RuntimeApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task Health_WithoutToken_LiveAndReadyAnswerHealthy()
    {
        var client = factory.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
    }

    [Fact]
    public async Task RuntimeApi_WithoutToken_Is401_AndForNonAdmin_Is403()
    {
        var anonymous = factory.CreateClient();
        var applicant = await factory.SignedInClientAsync("traeger");

        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/workflow-instances")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync("/api/workflow-instances")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.PostAsJsonAsync("/api/workflow-definitions", TestDefinitions.Review("x"))).StatusCode);
    }

    [Fact]
    public async Task StartResume_ReviewApproved_FinishesWithJournal_AndSecondResumeIsConflict()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await PublishAsync(admin, TestDefinitions.Review("review-flow"));

        var started = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "review-flow", correlationId = "AIF-2026-0001", input = new { amount = 900 } });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var instance = await ReadAsync(started);
        Assert.Equal("Suspended", instance["status"]!.GetValue<string>());
        var task = instance["waitingFor"]!.AsArray().Single()!;
        Assert.Equal("kuf", task["payload"]!["assigneeRole"]!.GetValue<string>());

        var bookmarkId = task["id"]!.GetValue<string>();
        var resumed = await admin.PostAsJsonAsync($"/api/bookmarks/{bookmarkId}/resume", new { input = new { outcome = "Approve" } });
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        var finished = await ReadAsync(resumed);
        Assert.Equal("Finished", finished["status"]!.GetValue<string>());
        var journal = finished["journal"]!.AsArray().Select(e => e!["activityId"]!.GetValue<string>()).ToList();
        Assert.Equal(["start", "review", "review", "notify", "end"], journal);

        var again = await admin.PostAsJsonAsync($"/api/bookmarks/{bookmarkId}/resume", new { input = new { outcome = "Approve" } });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal("application/problem+json", again.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Resume_WithOutcomeTheTaskDoesNotHave_Is400NamingTheField_AndChangesNothing()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await PublishAsync(admin, TestDefinitions.Review("review-bad-outcome"));
        var instance = await ReadAsync(await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "review-bad-outcome" }));
        var bookmarkId = instance["waitingFor"]![0]!["id"]!.GetValue<string>();

        var response = await admin.PostAsJsonAsync($"/api/bookmarks/{bookmarkId}/resume", new { input = new { outcome = "Maybe" } });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ReadAsync(response);
        Assert.NotNull(problem["errors"]!["outcome"]);
        var after = await ReadAsync(await admin.GetAsync($"/api/workflow-instances/{instance["id"]}"));
        Assert.Equal("Suspended", after["status"]!.GetValue<string>());
        Assert.Equal(bookmarkId, after["waitingFor"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(instance["journal"]!.AsArray().Count, after["journal"]!.AsArray().Count);
    }

    [Fact]
    public async Task Start_WithoutDefinitionId_Is400NamingTheField_AndStoresNothing()
    {
        var admin = await factory.SignedInClientAsync("admin");
        var before = await CountInstancesAsync(admin);

        var response = await admin.PostAsJsonAsync("/api/workflow-instances", new { correlationId = "x" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await ReadAsync(response))["errors"]!["definitionId"]);
        Assert.Equal(before, await CountInstancesAsync(admin));
    }

    [Fact]
    public async Task Start_WithMalformedJson_Is400ProblemDetails()
    {
        var admin = await factory.SignedInClientAsync("admin");

        var response = await admin.PostAsync("/api/workflow-instances", new StringContent("{\"definitionId\": ", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Start_UnknownDefinition_Is404()
    {
        var admin = await factory.SignedInClientAsync("admin");

        var response = await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "nope" });

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task TriggerEvent_ResumesOnlyTheCorrelatedInstance()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await PublishAsync(admin, TestDefinitions.WaitForGo("go-flow"));
        var first = await ReadAsync(await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "go-flow", correlationId = "A-1" }));
        var second = await ReadAsync(await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "go-flow", correlationId = "A-2" }));

        var response = await admin.PostAsJsonAsync("/api/events/Go", new { correlationId = "A-1" });

        var resumed = (await ReadAsync(response))["resumed"]!.AsArray();
        Assert.Equal(first["id"]!.GetValue<string>(), Assert.Single(resumed)!["instanceId"]!.GetValue<string>());
        Assert.Equal("Suspended", (await ReadAsync(await admin.GetAsync($"/api/workflow-instances/{second["id"]}")))["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ListInstances_FiltersByDefinitionStatusAndCorrelation_WithPaging()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await PublishAsync(admin, TestDefinitions.WaitForGo("list-flow"));
        for (var i = 0; i < 5; i++)
        {
            await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "list-flow", correlationId = $"L-{i}" });
        }

        var page = await ReadAsync(await admin.GetAsync("/api/workflow-instances?definitionId=list-flow&status=Suspended&page=1&pageSize=2"));
        var byCorrelation = await ReadAsync(await admin.GetAsync("/api/workflow-instances?correlationId=L-3"));
        var badStatus = await admin.GetAsync("/api/workflow-instances?status=Sleeping");

        Assert.Equal(5, page["totalCount"]!.GetValue<long>());
        Assert.Equal(2, page["items"]!.AsArray().Count);
        Assert.Equal("L-3", Assert.Single(byCorrelation["items"]!.AsArray())!["correlationId"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, badStatus.StatusCode);
        Assert.NotNull((await ReadAsync(badStatus))["errors"]!["status"]);
    }

    [Fact]
    public async Task FaultedInstance_HasIncident_RetryFaultsAgain_CancelEndsIt()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await PublishAsync(admin, TestDefinitions.Faulty("faulty-flow"));

        var instance = await ReadAsync(await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "faulty-flow" }));
        Assert.Equal("Faulted", instance["status"]!.GetValue<string>());
        var incident = Assert.Single(instance["incidents"]!.AsArray())!;
        Assert.Equal("decide", incident["activityId"]!.GetValue<string>());

        var retried = await ReadAsync(await admin.PostAsync($"/api/workflow-instances/{instance["id"]}/retry", null));
        Assert.Equal("Faulted", retried["status"]!.GetValue<string>());

        var cancelled = await ReadAsync(await admin.PostAsync($"/api/workflow-instances/{instance["id"]}/cancel", null));
        Assert.Equal("Cancelled", cancelled["status"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, (await admin.PostAsync($"/api/workflow-instances/{instance["id"]}/retry", null)).StatusCode);
    }

    [Fact]
    public async Task Publish_BrokenFlowchart_Is400ListingEachProblem()
    {
        var admin = await factory.SignedInClientAsync("admin");
        (await admin.PostAsJsonAsync("/api/workflow-definitions", TestDefinitions.Broken("broken-flow"))).EnsureSuccessStatusCode();

        var response = await admin.PostAsync("/api/workflow-definitions/broken-flow/publish", null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await ReadAsync(response))["errors"]!.AsObject();
        Assert.Contains("root.activities[1].type", errors.Select(e => e.Key));
        Assert.Contains("root.connections[0].source.port", errors.Select(e => e.Key));
    }

    [Fact]
    public async Task Versions_InstanceStaysOnItsVersion_WhileNewOnesStartOnTheNewlyPublished()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await PublishAsync(admin, TestDefinitions.WaitForGo("versioned-flow"));
        var old = await ReadAsync(await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "versioned-flow", correlationId = "V-1" }));

        await PublishAsync(admin, TestDefinitions.Review("versioned-flow"));
        var fresh = await ReadAsync(await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "versioned-flow", correlationId = "V-2" }));
        await admin.PostAsJsonAsync("/api/events/Go", new { correlationId = "V-1" });

        var versions = (await ReadAsync(await admin.GetAsync("/api/workflow-definitions/versioned-flow/versions"))).AsArray()
            .ToDictionary(v => v!["version"]!.GetValue<int>(), v => v!["isPublished"]!.GetValue<bool>());
        Assert.Equal(1, old["definitionVersion"]!.GetValue<int>());
        Assert.Equal(2, fresh["definitionVersion"]!.GetValue<int>());
        Assert.Equal("Foerderworkflow.HumanTask", fresh["waitingFor"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("Finished", (await ReadAsync(await admin.GetAsync($"/api/workflow-instances/{old["id"]}")))["status"]!.GetValue<string>());
        Assert.Equal(new Dictionary<int, bool> { [2] = true, [1] = false }, versions);
    }

    private static async Task PublishAsync(HttpClient client, JsonObject definition)
    {
        (await client.PostAsJsonAsync("/api/workflow-definitions", definition)).EnsureSuccessStatusCode();
        (await client.PostAsync($"/api/workflow-definitions/{definition["definitionId"]}/publish", null)).EnsureSuccessStatusCode();
    }

    private static async Task<long> CountInstancesAsync(HttpClient client) =>
        (await ReadAsync(await client.GetAsync("/api/workflow-instances?pageSize=1")))["totalCount"]!.GetValue<long>();

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new InvalidOperationException("Empty body.");
}
