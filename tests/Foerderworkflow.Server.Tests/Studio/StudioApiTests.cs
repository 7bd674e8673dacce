using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Server.Tests.Studio;

/// <summary>The Elsa Studio API under /elsa/api against the shapes of ELSA-STUDIO-API.md.</summary>
public sealed class StudioApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Api = "/elsa/api";

    [Fact]
    public async Task StudioApi_Anonymous_Is401_NonAdmin_Is403()
    {
        var anonymous = factory.CreateClient();
        var applicant = await factory.SignedInClientAsync("traeger");

        foreach (var path in new[] { "/descriptors/activities", "/workflow-definitions/by-definition-id/x?versionOptions=Latest", "/features/installed" })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(Api + path)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync(Api + path)).StatusCode);
        }

        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.PostAsJsonAsync(Api + "/workflow-definitions", Save(TestDefinitions.Review("forbidden"), publish: false))).StatusCode);
    }

    [Fact]
    public async Task ActivityDescriptors_CoverEveryRegisteredType_InCamelCaseWithPortsAndInputs()
    {
        var admin = await factory.SignedInClientAsync("admin");

        var response = await admin.GetAsync(Api + "/descriptors/activities?Refresh=True");
        var body = await ReadAsync(response);
        Assert.Equal(body["items"]!.AsArray().Count, body["count"]!.GetValue<int>());
        // Placeholders for unknown types of stored drafts (other tests of this class save some) are not browsable.
        var items = body["items"]!.AsArray().Select(i => i!.AsObject()).Where(i => i["isBrowsable"]!.GetValue<bool>()).ToList();

        var registry = ActivityRegistry.WithBuiltIns().RegisterAssemblyOf<Foerderworkflow.Funding.FundingAssembly>();
        Assert.Equal(registry.Types.Select(t => t.TypeName).Order(), items.Select(i => i["typeName"]!.GetValue<string>()).Order());
        foreach (var item in items)
        {
            foreach (var key in new[] { "typeName", "namespace", "name", "version", "category", "displayName", "description", "kind", "inputs", "outputs", "ports", "isBrowsable" })
            {
                Assert.True(item.ContainsKey(key), $"{item["typeName"]} lacks '{key}'");
            }

            Assert.True(item["isBrowsable"]!.GetValue<bool>());
            foreach (var input in item["inputs"]!.AsArray())
            {
                Assert.True(input!["isBrowsable"]!.GetValue<bool>());
                Assert.False(string.IsNullOrEmpty(input["uiHint"]!.GetValue<string>()));
                Assert.False(string.IsNullOrEmpty(input["typeName"]!.GetValue<string>()));
            }
        }

        var decision = Descriptor(items, "Elsa.FlowDecision");
        Assert.Equal("Entscheidung", decision["displayName"]!.GetValue<string>());
        Assert.Equal("Ablauf", decision["category"]!.GetValue<string>());
        Assert.Equal("Elsa", decision["namespace"]!.GetValue<string>());
        // Dropped nodes are named after it ("Entscheidung 1"); ports keep their names and show German labels.
        Assert.Equal("Entscheidung ", decision["name"]!.GetValue<string>());
        Assert.Equal(["True", "False"], decision["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));
        Assert.Equal(["Ja", "Nein"], decision["ports"]!.AsArray().Select(p => p!["displayName"]!.GetValue<string>()));
        Assert.Equal(["Bewilligt", "Abgelehnt"], Descriptor(items, "Foerderworkflow.Funding.OfficeDecision")["ports"]!.AsArray().Select(p => p!["displayName"]!.GetValue<string>()));
        Assert.All(decision["ports"]!.AsArray(), p => Assert.Equal("Flow", p!["type"]!.GetValue<string>()));
        var condition = decision["inputs"]!.AsArray().Single()!;
        Assert.Equal("Condition", condition["name"]!.GetValue<string>());
        Assert.Equal("Boolean", condition["typeName"]!.GetValue<string>());
        Assert.True(condition["isWrapped"]!.GetValue<bool>());

        Assert.True(Descriptor(items, "Elsa.Start")["isStart"]!.GetValue<bool>());
        Assert.True(Descriptor(items, "Elsa.End")["isTerminal"]!.GetValue<bool>());
        Assert.Empty(Descriptor(items, "Elsa.Start")["ports"]!.AsArray());
    }

    [Fact]
    public async Task ActivityDescriptors_EnumInputIsDropdown_DynamicPortsUseDynamicOutcomes()
    {
        var admin = await factory.SignedInClientAsync("admin");
        var items = (await ReadAsync(await admin.GetAsync(Api + "/descriptors/activities"))) ["items"]!.AsArray().Select(i => i!.AsObject()).ToList();

        var join = Descriptor(items, "Elsa.FlowJoin");
        var mode = join["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "Mode")!;
        Assert.Equal("dropdown", mode["uiHint"]!.GetValue<string>());
        Assert.Equal(["WaitAll", "WaitAny"], mode["uiSpecifications"]!["dropdown"]!["selectList"]!["items"]!.AsArray().Select(i => i!["value"]!.GetValue<string>()));
        Assert.Equal("WaitAll", mode["defaultValue"]!.GetValue<string>());
        Assert.Equal("WaitAll", join["constructionProperties"]!["Mode"]!["expression"]!["value"]!.GetValue<string>());

        var task = Descriptor(items, "Foerderworkflow.HumanTask");
        Assert.Empty(task["ports"]!.AsArray());
        var outcomes = task["inputs"]!.AsArray().Single(i => i!["uiHint"]!.GetValue<string>() == "dynamic-outcomes")!;
        Assert.Equal("PossibleOutcomes", outcomes["name"]!.GetValue<string>());
        Assert.Equal("String[]", outcomes["typeName"]!.GetValue<string>());
        Assert.Equal(["Overdue"], outcomes["uiSpecifications"]!["DynamicOutcomesOptions"]!["fixedOutcomes"]!.AsArray().Select(o => o!.GetValue<string>()));
        Assert.Equal("Ergebnis", task["outputs"]!.AsArray().Single()!["displayName"]!.GetValue<string>());

        var fork = Descriptor(items, "Elsa.FlowFork");
        Assert.Contains(fork["inputs"]!.AsArray(), i => i!["uiHint"]!.GetValue<string>() == "dynamic-outcomes");

        var switchCases = Descriptor(items, "Elsa.FlowSwitch")["inputs"]!.AsArray().Single(i => i!["name"]!.GetValue<string>() == "Cases")!;
        Assert.False(switchCases["isWrapped"]!.GetValue<bool>());
        Assert.Equal("flow-switch-editor", switchCases["uiHint"]!.GetValue<string>());
    }

    [Fact]
    public async Task Catalogues_AnswerTheListsStudioLoads()
    {
        var admin = await factory.SignedInClientAsync("admin");

        var expressions = await ReadAsync(await admin.GetAsync(Api + "/descriptors/expression-descriptors"));
        Assert.Equal(["Literal", "JavaScript"], expressions["items"]!.AsArray().Select(e => e!["type"]!.GetValue<string>()));
        Assert.Equal("javascript", expressions["items"]![1]!["properties"]!["MonacoLanguage"]!.GetValue<string>());

        foreach (var path in new[] { "workflow-activation-strategies", "incident-strategies", "log-persistence-strategies", "commit-strategies/workflows", "commit-strategies/activities", "output-converters?sourceType=String&destinationType=String" })
        {
            var list = await ReadAsync(await admin.GetAsync($"{Api}/descriptors/{path}"));
            Assert.Empty(list["items"]!.AsArray());
            Assert.Equal(0, list["count"]!.GetValue<int>());
        }

        Assert.Empty((await ReadAsync(await admin.GetAsync(Api + "/features/installed")))["items"]!.AsArray());
        var variables = await ReadAsync(await admin.GetAsync(Api + "/descriptors/variables"));
        Assert.Contains(variables["items"]!.AsArray(), v => v!["typeName"]!.GetValue<string>() == "String");
        var drivers = await ReadAsync(await admin.GetAsync(Api + "/descriptors/storage-drivers"));
        Assert.Single(drivers["items"]!.AsArray());

        var typings = await admin.PostAsJsonAsync(Api + "/scripting/javascript/type-definitions/none", new { workflowDefinitionId = "none", activityTypeName = "Elsa.FlowDecision", propertyName = "Condition" });
        Assert.Equal(HttpStatusCode.OK, typings.StatusCode);
        Assert.Contains("declare function getVariable", await typings.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Load_DefinitionCreatedServerSide_RepairsNodeIds_AddsLinksAndCollections()
    {
        var admin = await factory.SignedInClientAsync("admin");
        var document = TestDefinitions.Review("studio-repair");
        foreach (var activity in document["root"]!["activities"]!.AsArray())
        {
            activity!.AsObject().Remove("nodeId");
        }

        document["root"]!.AsObject().Remove("nodeId");
        document.Remove("variables");
        Assert.Equal(HttpStatusCode.Created, (await admin.PostAsJsonAsync("/api/workflow-definitions", document)).StatusCode);

        var loaded = await ReadAsync(await admin.GetAsync(Api + "/workflow-definitions/by-definition-id/studio-repair?versionOptions=Latest"));

        Assert.Equal("Workflow1:flowchart1", loaded["root"]!["nodeId"]!.GetValue<string>());
        Assert.Equal("Workflow1:flowchart1:review", loaded["root"]!["activities"]![1]!["nodeId"]!.GetValue<string>());
        Assert.True(loaded["isLatest"]!.GetValue<bool>());
        Assert.Contains(loaded["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "publish");
        Assert.Empty(loaded["variables"]!.AsArray());
        Assert.Empty(loaded["outcomes"]!.AsArray());
        // Comma-separated task results are shown in the dynamic-outcomes editor's form.
        var outcomes = loaded["root"]!["activities"]![1]!["possibleOutcomes"]!["expression"]!;
        Assert.Equal("Object", outcomes["type"]!.GetValue<string>());
        Assert.Equal("[\"Approve\",\"Reject\"]", outcomes["value"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync(Api + "/workflow-definitions/by-definition-id/nope?versionOptions=Latest")).StatusCode);
    }

    [Fact]
    public async Task SavePublishLoad_RoundTrip_KeepsUnknownFields_AndVersions()
    {
        var admin = await factory.SignedInClientAsync("admin");
        var model = TestDefinitions.Review("studio-roundtrip");
        model["customProperties"] = new JsonObject { ["VariableTestValues"] = new JsonObject { ["x"] = 1 } };
        model["futureField"] = new JsonObject { ["kept"] = true };
        model["root"]!["activities"]![1]!["metadata"] = new JsonObject { ["designer"] = new JsonObject { ["position"] = new JsonObject { ["x"] = 10, ["y"] = 20 } } };
        model["links"] = new JsonArray(new JsonObject { ["rel"] = "echo" });

        var saved = await ReadAsync(await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(model, publish: false)));
        var draft = saved["workflowDefinition"]!;
        Assert.Equal(1, draft["version"]!.GetValue<int>());
        Assert.False(draft["isPublished"]!.GetValue<bool>());
        Assert.True(draft["isLatest"]!.GetValue<bool>());
        Assert.False(saved["alreadyPublished"]!.GetValue<bool>());
        Assert.Equal(0, saved["consumingWorkflowCount"]!.GetValue<int>());

        // Auto-save again (same draft), then publish.
        var again = await ReadAsync(await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(draft.AsObject(), publish: false)));
        Assert.Equal(draft["id"]!.GetValue<string>(), again["workflowDefinition"]!["id"]!.GetValue<string>());
        var published = await ReadAsync(await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(again["workflowDefinition"]!.AsObject(), publish: true)));
        Assert.True(published["workflowDefinition"]!["isPublished"]!.GetValue<bool>());
        Assert.Contains(published["workflowDefinition"]!["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "retract");

        var loaded = await ReadAsync(await admin.GetAsync(Api + "/workflow-definitions/by-definition-id/studio-roundtrip?versionOptions=Published"));
        Assert.True(loaded["futureField"]!["kept"]!.GetValue<bool>());
        Assert.Equal(1, loaded["customProperties"]!["VariableTestValues"]!["x"]!.GetValue<int>());
        Assert.Equal(20, loaded["root"]!["activities"]![1]!["metadata"]!["designer"]!["position"]!["y"]!.GetValue<int>());
        Assert.DoesNotContain(loaded["links"]!.AsArray(), l => l!["rel"]!.GetValue<string>() == "echo");

        // An edit after publishing opens version 2; the history lists both, newest first.
        var edited = loaded.DeepClone().AsObject();
        edited["name"] = "Prüfung (geändert)";
        var v2 = await ReadAsync(await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(edited, publish: false)));
        Assert.Equal(2, v2["workflowDefinition"]!["version"]!.GetValue<int>());

        var history = await ReadAsync(await admin.GetAsync(Api + "/workflow-definitions?versionOptions=AllVersions&Page=0&PageSize=10&DefinitionIds=studio-roundtrip&OrderBy=Version&OrderDirection=Descending"));
        Assert.Equal(2, history["totalCount"]!.GetValue<int>());
        Assert.Equal([2, 1], history["items"]!.AsArray().Select(i => i!["version"]!.GetValue<int>()));
        Assert.Equal([false, true], history["items"]!.AsArray().Select(i => i!["isPublished"]!.GetValue<bool>()));
        Assert.Equal("Json", history["items"]![0]!["materializerName"]!.GetValue<string>());

        var byVersion = await ReadAsync(await admin.GetAsync(Api + "/workflow-definitions/by-definition-id/studio-roundtrip?versionOptions=1"));
        Assert.Equal(1, byVersion["version"]!.GetValue<int>());
        var byId = await ReadAsync(await admin.GetAsync(Api + $"/workflow-definitions/by-id/{history["items"]![1]!["id"]!.GetValue<string>()}"));
        Assert.Equal(1, byId["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Publish_BrokenFlowchart_Is400ProblemWithMessages_AndKeepsTheDraft()
    {
        var admin = await factory.SignedInClientAsync("admin");

        var response = await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(TestDefinitions.Broken("studio-broken"), publish: true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ReadAsync(response);
        var messages = problem["errors"]!.AsObject().SelectMany(e => e.Value!.AsArray().Select(m => m!.GetValue<string>())).ToList();
        Assert.Contains(messages, m => m.Contains("Acme.DoesNotExist", StringComparison.Ordinal));
        Assert.Contains(messages, m => m.Contains("Nowhere", StringComparison.Ordinal));

        var draft = await ReadAsync(await admin.GetAsync(Api + "/workflow-definitions/by-definition-id/studio-broken?versionOptions=Latest"));
        Assert.False(draft["isPublished"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Publish_RequiredPortLeftOpen_Is400ProblemNamingActivityAndPort_AndKeepsTheDraft()
    {
        var admin = await factory.SignedInClientAsync("admin");

        var response = await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(TestDefinitions.OpenDecision("studio-open-port"), publish: true));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ReadAsync(response))["errors"]!.AsObject();
        var error = Assert.Single(errors);
        Assert.Equal("root.activities[1]", error.Key);
        Assert.Equal(["Ausgang 'Abgelehnt' von 'officeDecision' ist nicht verbunden."], error.Value!.AsArray().Select(m => m!.GetValue<string>()));

        var draft = await ReadAsync(await admin.GetAsync(Api + "/workflow-definitions/by-definition-id/studio-open-port?versionOptions=Latest"));
        Assert.False(draft["isPublished"]!.GetValue<bool>());
    }

    [Fact]
    public async Task UnknownActivityType_GetsAPlaceholderDescriptorWithItsPorts_WhilePublishingStillRefusesIt()
    {
        var admin = await factory.SignedInClientAsync("admin");
        var model = TestDefinitions.Review("studio-unknown-type");
        var activities = model["root"]!["activities"]!.AsArray();
        activities.Add(new JsonObject { ["id"] = "legacy", ["type"] = "Foerderworkflow.Alt.Vorpruefung", ["version"] = 3 });
        model["root"]!["connections"]!.AsArray().Add(new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = "legacy", ["port"] = "Geprueft" },
            ["target"] = new JsonObject { ["activity"] = "end", ["port"] = "In" },
        });
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(model, publish: false))).StatusCode);

        var items = (await ReadAsync(await admin.GetAsync(Api + "/descriptors/activities")))["items"]!.AsArray().Select(i => i!.AsObject()).ToList();
        var placeholder = Descriptor(items, "Foerderworkflow.Alt.Vorpruefung");
        Assert.Equal(3, placeholder["version"]!.GetValue<int>());
        Assert.Equal("Unbekannt", placeholder["category"]!.GetValue<string>());
        Assert.Equal("Unbekannt: Vorpruefung", placeholder["displayName"]!.GetValue<string>());
        Assert.False(placeholder["isBrowsable"]!.GetValue<bool>());
        Assert.Equal(["Geprueft"], placeholder["ports"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()));

        // The stored type name stays: loading gives it back unchanged, and publishing names it.
        var loaded = await ReadAsync(await admin.GetAsync(Api + "/workflow-definitions/by-definition-id/studio-unknown-type?versionOptions=Latest"));
        Assert.Contains(loaded["root"]!["activities"]!.AsArray(), a => a!["type"]!.GetValue<string>() == "Foerderworkflow.Alt.Vorpruefung");
        var publish = await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(model, publish: true));
        Assert.Equal(HttpStatusCode.BadRequest, publish.StatusCode);
        Assert.Contains("Unbekannter Aktivitätstyp 'Foerderworkflow.Alt.Vorpruefung'", await publish.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InstanceList_MapsStatesToElsasStatusAndSubStatus_FiltersAndNamesTheVersion()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(TestDefinitions.WaitForGo("studio-instances"), publish: true));
        var waiting = await ReadAsync(await admin.PostAsJsonAsync("/api/workflow-instances", new { definitionId = "studio-instances", correlationId = "liste-1" }));

        var all = await ReadAsync(await admin.PostAsJsonAsync(Api + "/workflow-instances", new { page = 0, pageSize = 10, definitionIds = new[] { "studio-instances" } }));
        var row = Assert.Single(all["items"]!.AsArray())!;
        Assert.Equal(1, all["totalCount"]!.GetValue<int>());
        Assert.Equal(waiting["id"]!.GetValue<string>(), row["id"]!.GetValue<string>());
        Assert.Equal(waiting["definitionVersionId"]!.GetValue<string>(), row["definitionVersionId"]!.GetValue<string>());
        Assert.Equal("Running", row["status"]!.GetValue<string>());
        Assert.Equal("Suspended", row["subStatus"]!.GetValue<string>());
        Assert.Equal("liste-1", row["correlationId"]!.GetValue<string>());
        Assert.Equal(0, row["incidentCount"]!.GetValue<int>());

        var finished = await ReadAsync(await admin.PostAsJsonAsync(Api + "/workflow-instances", new { definitionIds = new[] { "studio-instances" }, statuses = new[] { "Finished" } }));
        Assert.Empty(finished["items"]!.AsArray());
        var suspended = await ReadAsync(await admin.PostAsJsonAsync(Api + "/workflow-instances", new { definitionIds = new[] { "studio-instances" }, subStatuses = new[] { 2 } }));
        Assert.Single(suspended["items"]!.AsArray());

        // The viewer: the instance in Elsa's shape and its journal.
        var viewed = await ReadAsync(await admin.GetAsync($"{Api}/workflow-instances/{row["id"]}"));
        Assert.Equal("Suspended", viewed["subStatus"]!.GetValue<string>());
        Assert.Single(viewed["workflowState"]!["bookmarks"]!.AsArray());
        var journal = await ReadAsync(await admin.PostAsJsonAsync($"{Api}/workflow-instances/{row["id"]}/journal?skip=0&take=10", new { activityIds = new[] { "start" } }));
        var entry = Assert.Single(journal["items"]!.AsArray())!;
        Assert.Equal("start", entry["activityId"]!.GetValue<string>());
        Assert.Equal("Completed", entry["eventName"]!.GetValue<string>());

        // The list looks the rows' versions up by id without versionOptions: any version must be found.
        var versions = await ReadAsync(await admin.GetAsync($"{Api}/workflow-definitions?Ids={row["definitionVersionId"]}"));
        Assert.Single(versions["items"]!.AsArray());
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsJsonAsync(Api + "/workflow-instances", new { pageSize = 0 })).StatusCode);
    }

    [Fact]
    public async Task IsNameUnique_RetractRevertExport()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(TestDefinitions.WaitForGo("studio-names"), publish: true));

        Assert.False((await ReadAsync(await admin.GetAsync(Api + "/workflow-definitions/validation/is-name-unique?name=warten%20auf%20go&definitionId=other")))["isUnique"]!.GetValue<bool>());
        Assert.True((await ReadAsync(await admin.GetAsync(Api + "/workflow-definitions/validation/is-name-unique?name=Warten%20auf%20Go&definitionId=studio-names")))["isUnique"]!.GetValue<bool>());

        var export = await admin.GetAsync(Api + "/workflow-definitions/studio-names/export?versionOptions=Published&includeConsumingWorkflows=false");
        Assert.Equal(HttpStatusCode.OK, export.StatusCode);
        Assert.Equal("Warten-auf-Go.json", export.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("studio-names", (await ReadAsync(export))["definitionId"]!.GetValue<string>());

        var retracted = await ReadAsync(await admin.PostAsJsonAsync(Api + "/workflow-definitions/studio-names/retract", new { }));
        Assert.False(retracted["isPublished"]!.GetValue<bool>());

        var reverted = await ReadAsync(await admin.PostAsync(Api + "/workflow-definitions/studio-names/revert/1", null));
        Assert.Equal(2, reverted["version"]!.GetValue<int>());
        Assert.True(reverted["isLatest"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Execute_StartsTestInstance_AndAnswersTheInstanceIdHeader()
    {
        var admin = await factory.SignedInClientAsync("admin");
        await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(TestDefinitions.WaitForGo("studio-run"), publish: false));

        var response = await admin.PostAsJsonAsync(Api + "/workflow-definitions/studio-run/execute", new { correlationId = (string?)null, triggerActivityId = (string?)null, versionOptions = "Latest", input = (object?)null });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var instanceId = Assert.Single(response.Headers.GetValues("x-elsa-workflow-instance-id"));
        var instance = await ReadAsync(await admin.GetAsync($"/api/workflow-instances/{instanceId}"));
        Assert.Equal("Suspended", instance["status"]!.GetValue<string>());

        await admin.PostAsJsonAsync(Api + "/workflow-definitions", Save(TestDefinitions.Broken("studio-run-broken"), publish: false));
        var broken = await admin.PostAsJsonAsync(Api + "/workflow-definitions/studio-run-broken/execute", new { versionOptions = "Latest" });
        Assert.Equal(HttpStatusCode.BadRequest, broken.StatusCode);
        Assert.Equal("true", Assert.Single(broken.Headers.GetValues("x-elsa-workflow-cannot-start")));
    }

    private static JsonObject Save(JsonObject model, bool publish) => new() { ["model"] = model.DeepClone(), ["publish"] = publish };

    private static JsonObject Descriptor(List<JsonObject> items, string typeName) => items.Single(i => i["typeName"]!.GetValue<string>() == typeName);

    private static async Task<JsonObject> ReadAsync(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!.AsObject();
    }
}
