using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Security;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Studio;

/// <summary>
/// The REST API Elsa Studio 3.8.2's workflow editor calls, under <c>/elsa/api</c> (see ELSA-STUDIO-API.md). Every
/// endpoint needs the administrator role: anonymous callers get 401, other users 403.
/// </summary>
internal static class StudioApiEndpoints
{
    public const string BasePath = "/elsa/api";
    public const string InstanceIdHeader = "x-elsa-workflow-instance-id";
    public const string CannotStartHeader = "x-elsa-workflow-cannot-start";

    private const int MaxNameLength = 200;

    /// <summary>Maps the Studio API, the bundle under /studio/ and its host pages; the one call Program.cs makes.</summary>
    public static WebApplication MapElsaStudio(this WebApplication app)
    {
        StudioHosting.UseStudioPages(app);
        var api = app.MapGroup(BasePath)
            .RequireAuthorization(Policies.WorkflowAdministration)
            .RequireJsonObjectBodies()
            .WithTags("Elsa Studio");
        MapDescriptors(api, app.Services.GetRequiredService<ActivityRegistry>());
        MapDefinitions(api.MapGroup("/workflow-definitions"));
        StudioInstances.Map(api);
        api.MapPost("/scripting/javascript/type-definitions/{definitionId}", async (string definitionId, IWorkflowStore store, CancellationToken ct) =>
        {
            var definition = await store.FindDefinitionAsync(definitionId, VersionSelector.Latest, ct);
            var names = (definition?.Document["variables"] as JsonArray ?? []).Select(v => v?["name"] is JsonValue n && n.TryGetValue(out string? s) ? s : null).OfType<string>();
            return Results.Text(StudioCatalogues.JavaScriptTypeDefinitions(names), "text/plain");
        });
        return app;
    }

    private static void MapDescriptors(RouteGroupBuilder api, ActivityRegistry registry)
    {
        // The registry's part is generated once (it is fixed after start-up, and Studio re-reads the list after every
        // save); placeholders for types the stored definitions use but the engine does not know are added per call.
        var known = new Lazy<IReadOnlyList<JsonObject>>(() => ActivityDescriptors.From(registry));
        api.MapGet("/descriptors/activities", async (IWorkflowStore store, CancellationToken ct) =>
        {
            var versions = new List<WorkflowDefinition>();
            foreach (var latest in await store.ListLatestDefinitionsAsync(ct))
            {
                versions.AddRange(await store.ListDefinitionVersionsAsync(latest.DefinitionId, ct));
            }

            var items = new JsonArray([.. known.Value.Select(d => d.DeepClone()), .. PlaceholderDescriptors.For(versions, registry)]);
            return Results.Text(new JsonObject { ["items"] = items, ["count"] = items.Count }.ToJsonString(), "application/json");
        });
        api.MapGet("/descriptors/expression-descriptors", () => List(StudioCatalogues.ExpressionDescriptors));
        api.MapGet("/descriptors/workflow-activation-strategies", () => List([]));
        api.MapGet("/descriptors/incident-strategies", () => List([]));
        api.MapGet("/descriptors/log-persistence-strategies", () => List([]));
        api.MapGet("/descriptors/commit-strategies/workflows", () => List([]));
        api.MapGet("/descriptors/commit-strategies/activities", () => List([]));
        api.MapGet("/descriptors/variables", () => List(StudioCatalogues.VariableTypes));
        api.MapGet("/descriptors/storage-drivers", () => List(StudioCatalogues.StorageDrivers));
        api.MapGet("/descriptors/output-converters", () => List([]));
        api.MapGet("/features/installed", () => List([]));
    }

    private static void MapDefinitions(RouteGroupBuilder definitions)
    {
        definitions.MapGet("/by-definition-id/{definitionId}", LoadAsync);
        definitions.MapGet("/{definitionId}", LoadAsync);

        definitions.MapGet("/by-id/{versionId}", async (string versionId, IWorkflowStore store, ActivityRegistry registry, CancellationToken ct) =>
            await store.FindDefinitionVersionAsync(versionId, ct) is { } definition
                ? Json(StudioDefinitions.ToStudio(definition, registry))
                : ApiProblems.NotFound($"Es gibt keine Ablaufversion '{versionId}'."));

        definitions.MapGet("/", ListAsync);

        // The viewer's incident "Navigate" asks where a node sits. Our flowcharts are flat: every activity is a child of
        // the root, so the path to it is empty and its container the root.
        definitions.MapGet("/subgraph/segments/{versionId}", async (string versionId, string? childNodeId, IWorkflowStore store, ActivityRegistry registry, CancellationToken ct) =>
        {
            if (await store.FindDefinitionVersionAsync(versionId, ct) is not { } definition)
            {
                return ApiProblems.NotFound($"Es gibt keine Ablaufversion '{versionId}'.");
            }

            var root = (JsonObject)StudioDefinitions.ToStudio(definition, registry)["root"]!;
            var child = (root["activities"] as JsonArray ?? []).OfType<JsonObject>()
                .FirstOrDefault(a => a["nodeId"]?.GetValue<string>() == childNodeId || a["id"]?.GetValue<string>() == childNodeId);
            if (child is null)
            {
                return ApiProblems.Field("childNodeId", $"Die Version '{versionId}' hat keinen Knoten '{childNodeId}'.");
            }

            return Json(new JsonObject
            {
                ["childNode"] = Node(child, root),
                ["container"] = Node(root, null),
                ["pathSegments"] = new JsonArray(),
            });
        });
        definitions.MapGet("/subgraph/{versionId}", async (string versionId, IWorkflowStore store, ActivityRegistry registry, CancellationToken ct) =>
            await store.FindDefinitionVersionAsync(versionId, ct) is { } definition
                ? Json(Node((JsonObject)StudioDefinitions.ToStudio(definition, registry)["root"]!, null))
                : ApiProblems.NotFound($"Es gibt keine Ablaufversion '{versionId}'."));

        definitions.MapGet("/validation/is-name-unique", async (string? name, string? definitionId, IWorkflowStore store, CancellationToken ct) =>
        {
            var latest = await store.ListLatestDefinitionsAsync(ct);
            var taken = latest.Any(d => d.DefinitionId != definitionId && string.Equals(d.Name.Trim(), name?.Trim(), StringComparison.OrdinalIgnoreCase));
            return Results.Ok(new { isUnique = !taken });
        });

        definitions.MapPost("/", SaveAsync);
        definitions.MapPost("/import", async (JsonNode? body, WorkflowDefinitionService service, ActivityRegistry registry, CancellationToken ct) =>
        {
            if (body is not JsonObject { } model || model["root"] is not JsonObject)
            {
                return ApiProblems.Field("root", "Die Ablaufdefinition braucht eine Wurzelaktivität 'root'.");
            }

            if (NameProblem(model, "name") is { } badName)
            {
                return badName;
            }

            var saved = await service.SaveDraftAsync(StudioDefinitions.FromStudio(model), ct);
            return Json(StudioDefinitions.ToStudio(saved, registry));
        });

        definitions.MapPost("/{definitionId}/publish", async (string definitionId, WorkflowDefinitionService service, ActivityRegistry registry, CancellationToken ct) =>
            Json(SaveResponse(await service.PublishLatestAsync(definitionId, ct), registry)));

        definitions.MapPost("/{definitionId}/retract", async (string definitionId, WorkflowDefinitionService service, ActivityRegistry registry, CancellationToken ct) =>
            Json(StudioDefinitions.ToStudio(await service.RetractAsync(definitionId, ct), registry)));

        definitions.MapPost("/{definitionId}/revert/{version:int}", async (string definitionId, int version, WorkflowDefinitionService service, CancellationToken ct) =>
            Json(StudioDefinitions.Summary(await service.RevertAsync(definitionId, version, ct))));

        definitions.MapGet("/{definitionId}/export", async (string definitionId, string? versionOptions, IWorkflowStore store, ActivityRegistry registry, CancellationToken ct) =>
        {
            if (!VersionOptions.TryParse(versionOptions, out var options))
            {
                return ApiProblems.Field("versionOptions", "Unbekannte Versionsauswahl.");
            }

            var definition = options.Pick(await store.ListDefinitionVersionsAsync(definitionId, ct));
            if (definition is null)
            {
                return ApiProblems.NotFound($"Es gibt keinen Ablauf '{definitionId}' in dieser Version.");
            }

            var document = StudioDefinitions.ToStudio(definition, registry);
            document.Remove("links");
            var fileName = string.Concat(definition.Name.Select(c => char.IsLetterOrDigit(c) || c is '-' or '_' ? c : '-')) + ".json";
            return Results.File(System.Text.Encoding.UTF8.GetBytes(document.ToJsonString(new(System.Text.Json.JsonSerializerDefaults.Web) { WriteIndented = true })), "application/json", fileName);
        });

        definitions.MapPost("/{definitionId}/execute", ExecuteAsync);
    }

    private static async Task<IResult> LoadAsync(string definitionId, string? versionOptions, IWorkflowStore store, ActivityRegistry registry, CancellationToken ct)
    {
        if (!VersionOptions.TryParse(versionOptions, out var options))
        {
            return ApiProblems.Field("versionOptions", "Unbekannte Versionsauswahl.");
        }

        var definition = options.Pick(await store.ListDefinitionVersionsAsync(definitionId, ct));
        return definition is null
            ? ApiProblems.NotFound($"Es gibt keinen Ablauf '{definitionId}' in dieser Version.")
            : Json(StudioDefinitions.ToStudio(definition, registry));
    }

    private static async Task<IResult> ListAsync(
        string? versionOptions, int? page, int? pageSize, string[]? definitionIds, string[]? ids, string? searchTerm, string? orderBy, string? orderDirection,
        IWorkflowStore store, CancellationToken ct)
    {
        // As in Elsa, a list without a version selection (the instance list sends "versionOptions=" with the version
        // ids its rows run on) is not filtered by version: "Latest" would drop the rows of older versions.
        if (!VersionOptions.TryParse(string.IsNullOrWhiteSpace(versionOptions) ? "AllVersions" : versionOptions, out var options))
        {
            return ApiProblems.Field("versionOptions", "Unbekannte Versionsauswahl.");
        }

        if (page is < 0 || pageSize is < 1)
        {
            return ApiProblems.Field(page is < 0 ? "page" : "pageSize", "Seite ab 0, Seitengröße ab 1.");
        }

        var latest = await store.ListLatestDefinitionsAsync(ct);
        IEnumerable<string> scope = definitionIds is { Length: > 0 } ? definitionIds : latest.Select(d => d.DefinitionId);
        var candidates = new List<WorkflowDefinition>();
        foreach (var id in scope.Distinct(StringComparer.Ordinal))
        {
            if (options.Kind == "Latest" && definitionIds is not { Length: > 0 })
            {
                candidates.AddRange(latest.Where(d => d.DefinitionId == id));
                continue;
            }

            candidates.AddRange(await store.ListDefinitionVersionsAsync(id, ct));
        }

        var items = candidates.Where(options.Matches)
            .Where(d => ids is not { Length: > 0 } || ids.Contains(d.Id, StringComparer.Ordinal))
            .Where(d => string.IsNullOrWhiteSpace(searchTerm) || d.Name.Contains(searchTerm, StringComparison.OrdinalIgnoreCase) || (d.Description?.Contains(searchTerm, StringComparison.OrdinalIgnoreCase) ?? false) || d.DefinitionId.Contains(searchTerm, StringComparison.OrdinalIgnoreCase));
        var descending = string.Equals(orderDirection, "Descending", StringComparison.OrdinalIgnoreCase);
        Func<WorkflowDefinition, object> key = orderBy?.ToLowerInvariant() switch
        {
            "version" => d => d.Version,
            "name" => d => d.Name,
            _ => d => d.CreatedAt,
        };
        var ordered = (descending ? items.OrderByDescending(key) : items.OrderBy(key)).ThenBy(d => d.DefinitionId, StringComparer.Ordinal).ThenByDescending(d => d.Version).ToList();
        var paged = page is null || pageSize is null ? ordered : ordered.Skip(page.Value * pageSize.Value).Take(pageSize.Value);
        return Json(new JsonObject
        {
            ["items"] = new JsonArray([.. paged.Select(d => (JsonNode)StudioDefinitions.Summary(d))]),
            ["totalCount"] = ordered.Count,
            ["links"] = new JsonArray(),
        });
    }

    /// <summary>
    /// Save, auto-save and publish (§5.6). A save is one serialized draft write per definition. A publish that fails
    /// validation still keeps the edit as draft and answers 400 problem+json with every message, which Studio shows.
    /// </summary>
    private static async Task<IResult> SaveAsync(JsonNode? body, WorkflowDefinitionService service, ActivityRegistry registry, CancellationToken ct)
    {
        if (body?["model"] is not JsonObject model)
        {
            return ApiProblems.Field("model", "Erwartet wird {\"model\": <Ablaufdefinition>, \"publish\": true|false}.");
        }

        if (model["root"] is not JsonObject)
        {
            return ApiProblems.Field("model.root", "Die Ablaufdefinition braucht eine Wurzelaktivität 'root'.");
        }

        if (NameProblem(model, "model.name") is { } badName)
        {
            return badName;
        }

        var publish = body["publish"] is JsonValue flag && flag.TryGetValue(out bool p) && p;
        var document = StudioDefinitions.FromStudio(model);
        if (!publish)
        {
            return Json(SaveResponse(await service.SaveDraftAsync(document, ct), registry));
        }

        try
        {
            return Json(SaveResponse(await service.PublishAsync((JsonObject)document.DeepClone(), ct), registry));
        }
        catch (InvalidDefinitionException)
        {
            await service.SaveDraftAsync(document, ct);
            throw;
        }
    }

    /// <summary>"Run workflow" (§5.11): a test instance on the chosen version (default: the latest, even a draft).</summary>
    private static async Task<IResult> ExecuteAsync(string definitionId, HttpContext http, JsonNode? body, IWorkflowStore store, WorkflowRuntime runtime, Idempotency idempotency, CancellationToken ct)
    {
        var (key, badKey) = Idempotency.Read(http.Request);
        if (badKey is not null)
        {
            return badKey;
        }

        var versionText = body?["versionOptions"] is JsonValue v && v.TryGetValue(out string? text) ? text : null;
        if (!VersionOptions.TryParse(versionText, out var options))
        {
            return ApiProblems.Field("versionOptions", "Unbekannte Versionsauswahl.");
        }

        var definition = options.Pick(await store.ListDefinitionVersionsAsync(definitionId, ct));
        if (definition is null)
        {
            return ApiProblems.NotFound($"Es gibt keinen Ablauf '{definitionId}' in dieser Version.");
        }

        var correlationId = body?["correlationId"] is JsonValue c && c.TryGetValue(out string? cid) && !string.IsNullOrWhiteSpace(cid) ? cid : null;
        var input = body?["input"]?.DeepClone();
        // With a key, a retried "Run workflow" answers with the instance the first one started (see Idempotency).
        var instanceId = key is null ? null : Idempotency.InstanceId("elsa-execute", http.User.Identity?.Name ?? "", key);
        if (instanceId is not null && await ReplayExecuteAsync(http, instanceId, definition, correlationId, input, store, idempotency, ct) is { } replayed)
        {
            return replayed;
        }

        try
        {
            var result = await runtime.StartAsync(definition, input, correlationId, instanceId, ct);
            http.Response.Headers[InstanceIdHeader] = result.InstanceId;
            return Results.Ok(new { workflowInstanceId = result.InstanceId, definitionVersionId = definition.Id, version = definition.Version });
        }
        catch (InstanceAlreadyExistsException) when (instanceId is not null)
        {
            return await ReplayExecuteAsync(http, instanceId, definition, correlationId, input, store, idempotency, ct)
                ?? throw new InvalidOperationException($"Instance '{instanceId}' exists but cannot be read.");
        }
        catch (InvalidDefinitionException invalid)
        {
            // Answered here, not by the exception handler, which would clear the header Studio reads.
            http.Response.Headers[CannotStartHeader] = "true";
            return Results.ValidationProblem(
                invalid.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
                title: "Der Ablauf kann nicht gestartet werden.");
        }
    }

    /// <summary>The name as the other definition endpoints limit it (200 characters); Studio sends it with every save.</summary>
    private static IResult? NameProblem(JsonObject model, string field) =>
        model["name"] is JsonValue name && name.TryGetValue(out string? text) && text.Length > MaxNameLength
            ? ApiProblems.Field(field, $"Der Name darf höchstens {MaxNameLength} Zeichen lang sein.")
            : null;

    private static async Task<IResult?> ReplayExecuteAsync(HttpContext http, string instanceId, WorkflowDefinition definition, string? correlationId, JsonNode? input, IWorkflowStore store, Idempotency idempotency, CancellationToken ct)
    {
        if (await store.FindInstanceAsync(instanceId, ct) is not { } existing)
        {
            return null;
        }

        var same = existing.DefinitionVersionId == definition.Id && existing.CorrelationId == correlationId && Idempotency.Same(existing.State.Input, input);
        if (idempotency.Refusal(existing, same) is { } refusal)
        {
            return refusal;
        }

        http.Response.Headers[InstanceIdHeader] = existing.Id;
        return Results.Ok(new { workflowInstanceId = existing.Id, definitionVersionId = existing.DefinitionVersionId, version = existing.DefinitionVersion });
    }

    private static JsonObject SaveResponse(WorkflowDefinition definition, ActivityRegistry registry) => new()
    {
        ["workflowDefinition"] = StudioDefinitions.ToStudio(definition, registry),
        ["alreadyPublished"] = false,
        ["consumingWorkflowCount"] = 0,
        ["validationErrors"] = new JsonArray(),
    };

    /// <summary>Elsa's <c>ActivityNode</c> of a flat flowchart: the root's children, without links back (Studio needs none).</summary>
    private static JsonObject Node(JsonObject activity, JsonObject? parent) => new()
    {
        ["activity"] = activity.DeepClone(),
        ["port"] = null,
        ["nodeId"] = activity["nodeId"]?.DeepClone(),
        ["parents"] = new JsonArray(),
        ["children"] = parent is null
            ? new JsonArray([.. (activity["activities"] as JsonArray ?? []).OfType<JsonObject>().Select(a => (JsonNode)new JsonObject { ["activity"] = a.DeepClone(), ["port"] = null, ["nodeId"] = a["nodeId"]?.DeepClone(), ["parents"] = new JsonArray(), ["children"] = new JsonArray() })])
            : new JsonArray(),
    };

    private static IResult List(object[] items) => Results.Ok(new { items, count = items.Length });

    private static IResult Json(JsonObject body) => Results.Text(body.ToJsonString(), "application/json");
}
