using System.Globalization;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Studio;

/// <summary>
/// What Studio's <c>elsa-workflow-instance-list</c> and <c>elsa-workflow-instance-viewer</c> elements read. The list: <c>POST /workflow-instances</c> with Elsa's
/// <c>ListWorkflowInstancesRequest</c>, answered from our instances. Elsa splits the state into status and sub-status;
/// ours maps: Running → Running/Executing, Suspended → Running/Suspended, Faulted (waits for a retry) →
/// Running/Faulted, Finished → Finished/Finished, Cancelled → Finished/Cancelled.
/// </summary>
internal static class StudioInstances
{
    /// <summary>Upper bound of rows read when a filter names several definitions or states (filtered in memory).</summary>
    private const int MaxMergedRows = 5_000;

    private static readonly Dictionary<WorkflowStatus, (string Status, string SubStatus)> ElsaStates = new()
    {
        [WorkflowStatus.Running] = ("Running", "Executing"),
        [WorkflowStatus.Suspended] = ("Running", "Suspended"),
        [WorkflowStatus.Faulted] = ("Running", "Faulted"),
        [WorkflowStatus.Finished] = ("Finished", "Finished"),
        [WorkflowStatus.Cancelled] = ("Finished", "Cancelled"),
    };

    /// <summary>Elsa's enums in their numeric order, for clients that send numbers instead of names.</summary>
    private static readonly string[] ElsaStatusNames = ["Running", "Finished"];

    private static readonly string[] ElsaSubStatusNames = ["Pending", "Executing", "Suspended", "Finished", "Cancelled", "Faulted"];

    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/workflow-instances", ListAsync);

        // The instance viewer's reads: the instance in Elsa's shape and the journal (activity completions with their
        // outcome). Per-activity execution records (inputs, outputs) are not recorded by the engine: empty lists.
        api.MapGet("/workflow-instances/{instanceId}", async (string instanceId, IWorkflowStore store, CancellationToken ct) =>
            await store.GetInstanceDetailsAsync(instanceId, ct) is { } details
                ? Results.Text((await InstanceAsync(details, store, ct)).ToJsonString(), "application/json")
                : ApiProblems.NotFound($"Es gibt keine Instanz '{instanceId}'."));
        api.MapMethods("/workflow-instances/{instanceId}/journal", ["GET", "POST"], async (string instanceId, int? skip, int? take, HttpRequest request, IWorkflowStore store, CancellationToken ct) =>
        {
            if (await store.GetInstanceDetailsAsync(instanceId, ct) is not { } details)
            {
                return ApiProblems.NotFound($"Es gibt keine Instanz '{instanceId}'.");
            }

            var (filter, unreadable) = HttpMethods.IsPost(request.Method) ? await JsonObjectBodies.ReadObjectAsync(request, ct) : (null, null);
            if (unreadable is not null)
            {
                return unreadable;
            }

            var activityIds = Strings(filter?["activityIds"]).ToHashSet(StringComparer.Ordinal);
            var nodeIds = NodeIds(await store.FindDefinitionVersionAsync(details.Instance.DefinitionVersionId, ct));
            var records = details.Journal
                .Select((entry, index) => (entry, index))
                .Where(e => activityIds.Count == 0 || activityIds.Contains(e.entry.ActivityId))
                .ToList();
            var page = records.Skip(skip ?? 0).Take(take ?? 50)
                .Select(e => (JsonNode)JournalRecord(e.entry, e.index, nodeIds.GetValueOrDefault(e.entry.ActivityId) ?? $"Workflow1:flowchart1:{e.entry.ActivityId}"))
                .ToList();
            return Results.Text(new JsonObject { ["items"] = new JsonArray([.. page]), ["totalCount"] = records.Count }.ToJsonString(), "application/json");
        });
        api.MapGet("/workflow-instances/{instanceId}/variables", () => Results.Ok(new { items = Array.Empty<object>(), count = 0 }));
        api.MapGet("/activity-executions/list", () => Results.Ok(new { items = Array.Empty<object>(), count = 0 }));
        api.MapGet("/activity-execution-summaries/list", () => Results.Ok(new { items = Array.Empty<object>(), count = 0 }));
        api.MapPost("/activity-executions/report", () => Results.Ok(new { stats = Array.Empty<object>() }));
    }

    private static async Task<JsonObject> InstanceAsync(InstanceDetails details, IWorkflowStore store, CancellationToken ct)
    {
        var instance = details.Instance;
        var (status, subStatus) = ElsaStates[instance.Status];
        var definition = await store.FindDefinitionVersionAsync(instance.DefinitionVersionId, ct);
        var incidents = new JsonArray([.. details.Incidents.Select(i => (JsonNode)new JsonObject
        {
            ["activityId"] = i.ActivityId,
            ["activityNodeId"] = i.ActivityId,
            ["activityType"] = i.ActivityType,
            ["message"] = i.Message,
            ["exception"] = new JsonObject { ["type"] = i.ExceptionType, ["message"] = i.Message },
            ["timestamp"] = Timestamp(i.At),
        })]);
        return new JsonObject
        {
            ["id"] = instance.Id,
            ["definitionId"] = instance.DefinitionId,
            ["definitionVersionId"] = instance.DefinitionVersionId,
            ["version"] = instance.DefinitionVersion,
            ["status"] = status,
            ["subStatus"] = subStatus,
            ["correlationId"] = instance.CorrelationId,
            ["name"] = definition?.Name,
            ["incidentCount"] = details.Incidents.Count,
            ["isSystem"] = false,
            ["createdAt"] = Timestamp(instance.CreatedAt),
            ["updatedAt"] = Timestamp(instance.UpdatedAt),
            ["finishedAt"] = instance.FinishedAt is { } finished ? Timestamp(finished) : null,
            ["workflowState"] = new JsonObject
            {
                ["id"] = instance.Id,
                ["definitionId"] = instance.DefinitionId,
                ["definitionVersion"] = instance.DefinitionVersion,
                ["definitionVersionId"] = instance.DefinitionVersionId,
                ["correlationId"] = instance.CorrelationId,
                ["status"] = status,
                ["subStatus"] = subStatus,
                ["bookmarks"] = new JsonArray([.. details.Bookmarks.Select(b => (JsonNode)new JsonObject { ["id"] = b.Id, ["name"] = b.Name, ["activityId"] = b.ActivityId, ["activityNodeId"] = b.ActivityId, ["createdAt"] = Timestamp(b.CreatedAt) })]),
                ["incidents"] = incidents,
                ["activityExecutionContexts"] = new JsonArray(),
                ["completionCallbacks"] = new JsonArray(),
                ["input"] = new JsonObject(),
                ["output"] = new JsonObject(),
                ["properties"] = new JsonObject(),
                ["createdAt"] = Timestamp(instance.CreatedAt),
                ["updatedAt"] = Timestamp(instance.UpdatedAt),
                ["finishedAt"] = instance.FinishedAt is { } end ? Timestamp(end) : null,
            },
        };
    }

    /// <summary>The designer selects a journal entry's node by its <c>nodeId</c>: the one stored with the activity.</summary>
    private static Dictionary<string, string> NodeIds(WorkflowDefinition? definition)
    {
        var ids = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var activity in (definition?.Document["root"]?["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (activity["id"] is JsonValue id && id.TryGetValue(out string? activityId) && activity["nodeId"] is JsonValue node && node.TryGetValue(out string? nodeId))
            {
                ids[activityId] = nodeId;
            }
        }

        return ids;
    }

    private static JsonObject JournalRecord(JournalEntry entry, int sequence, string nodeId) => new()
    {
        ["id"] = $"{entry.InstanceId}-{sequence}",
        ["activityInstanceId"] = $"{entry.InstanceId}-{sequence}",
        ["activityId"] = entry.ActivityId,
        ["nodeId"] = nodeId,
        ["activityType"] = entry.ActivityType,
        ["activityTypeVersion"] = 1,
        ["activityName"] = entry.ActivityId,
        ["workflowInstanceId"] = entry.InstanceId,
        ["timestamp"] = Timestamp(entry.At),
        ["sequence"] = sequence,
        ["eventName"] = "Completed",
        ["message"] = $"Ausgang: {entry.Outcome}",
        ["payload"] = new JsonObject { ["outcomes"] = new JsonArray(entry.Outcome) },
    };

    private static async Task<IResult> ListAsync(JsonNode? body, IWorkflowStore store, CancellationToken ct)
    {
        var page = Int(body?["page"]) ?? 0;
        var pageSize = Int(body?["pageSize"]) ?? 50;
        if (page < 0 || pageSize is < 1 or > 500)
        {
            return ApiProblems.Field(page < 0 ? "page" : "pageSize", "Seite ab 0, Seitengröße zwischen 1 und 500.");
        }

        var definitionIds = Strings(body?["definitionIds"]).Concat(Strings(body?["definitionId"])).Distinct(StringComparer.Ordinal).ToList();
        var states = Enum.GetValues<WorkflowStatus>()
            .Where(s => Names(body?["statuses"], ElsaStatusNames).Concat(Names(body?["status"], ElsaStatusNames)).ToList() is var wanted && (wanted.Count == 0 || wanted.Contains(ElsaStates[s].Status, StringComparer.OrdinalIgnoreCase)))
            .Where(s => Names(body?["subStatuses"], ElsaSubStatusNames).Concat(Names(body?["subStatus"], ElsaSubStatusNames)).ToList() is var wanted && (wanted.Count == 0 || wanted.Contains(ElsaStates[s].SubStatus, StringComparer.OrdinalIgnoreCase)))
            .ToList();
        var correlationId = Strings(body?["correlationId"]).FirstOrDefault();
        var searchTerm = Strings(body?["searchTerm"]).FirstOrDefault();

        IReadOnlyList<InstanceSummary> rows;
        long total;
        if (definitionIds.Count <= 1 && states.Count == Enum.GetValues<WorkflowStatus>().Length && string.IsNullOrWhiteSpace(searchTerm))
        {
            // The common case (no or one definition, any state): paged by the store.
            var result = await store.ListInstancesAsync(new InstanceQuery(definitionIds.FirstOrDefault(), null, correlationId, page, pageSize), ct);
            (rows, total) = (result.Items, result.TotalCount);
        }
        else
        {
            var merged = new List<InstanceSummary>();
            foreach (var definitionId in definitionIds.Count == 0 ? [null] : definitionIds.Select(d => (string?)d))
            {
                foreach (var state in states)
                {
                    merged.AddRange((await store.ListInstancesAsync(new InstanceQuery(definitionId, state, correlationId, 0, MaxMergedRows), ct)).Items);
                }
            }

            var matching = merged
                .Where(i => string.IsNullOrWhiteSpace(searchTerm) || i.Id.Contains(searchTerm, StringComparison.OrdinalIgnoreCase) || (i.CorrelationId?.Contains(searchTerm, StringComparison.OrdinalIgnoreCase) ?? false) || i.DefinitionId.Contains(searchTerm, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(i => i.CreatedAt).ThenBy(i => i.Id, StringComparer.Ordinal)
                .ToList();
            (rows, total) = (matching.Skip(page * pageSize).Take(pageSize).ToList(), matching.Count);
        }

        var versions = new Dictionary<string, IReadOnlyList<WorkflowDefinition>>(StringComparer.Ordinal);
        var items = new JsonArray();
        foreach (var row in rows)
        {
            if (!versions.TryGetValue(row.DefinitionId, out var definitionVersions))
            {
                versions[row.DefinitionId] = definitionVersions = await store.ListDefinitionVersionsAsync(row.DefinitionId, ct);
            }

            var definition = definitionVersions.FirstOrDefault(d => d.Version == row.DefinitionVersion);
            var details = await store.GetInstanceDetailsAsync(row.Id, ct);
            items.Add(Summary(row, definition, details?.Incidents.Count ?? 0));
        }

        return Results.Text(new JsonObject { ["items"] = items, ["totalCount"] = total }.ToJsonString(), "application/json");
    }

    private static JsonObject Summary(InstanceSummary instance, WorkflowDefinition? definition, int incidents)
    {
        var (status, subStatus) = ElsaStates[instance.Status];
        return new JsonObject
        {
            ["id"] = instance.Id,
            ["definitionId"] = instance.DefinitionId,
            ["definitionVersionId"] = definition?.Id ?? $"{instance.DefinitionId}:v{instance.DefinitionVersion}",
            ["version"] = instance.DefinitionVersion,
            ["status"] = status,
            ["subStatus"] = subStatus,
            ["correlationId"] = instance.CorrelationId,
            ["name"] = definition?.Name,
            ["incidentCount"] = incidents,
            ["createdAt"] = Timestamp(instance.CreatedAt),
            ["updatedAt"] = Timestamp(instance.UpdatedAt),
            ["finishedAt"] = instance.FinishedAt is { } finished ? Timestamp(finished) : null,
        };
    }

    private static string Timestamp(DateTimeOffset value) => value.ToString("O", CultureInfo.InvariantCulture);

    private static int? Int(JsonNode? node) => node is JsonValue value && value.TryGetValue(out int number) ? number : null;

    private static IEnumerable<string> Names(JsonNode? node, string[] byNumber) =>
        (node is JsonArray array ? array.AsEnumerable() : [node]).OfType<JsonValue>()
            .Select(v => v.TryGetValue(out int n) ? (n >= 0 && n < byNumber.Length ? byNumber[n] : null) : v.TryGetValue(out string? s) ? s : null)
            .OfType<string>();

    /// <summary>A string or an array of strings (Elsa sends lists; a single value is accepted too).</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? s : null).OfType<string>(),
        JsonValue value when value.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s) => [s],
        _ => [],
    };
}
