using System.Globalization;
using System.Text.Json.Nodes;
using System.Security.Claims;
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

    /// <summary>Upper bound of instances one bulk cancel names (each is its own engine commit).</summary>
    private const int MaxBulkIds = 500;

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

        // The instance viewer's reads: the instance in Elsa's shape, its journal and the activity executions derived
        // from it (which the canvas marks: executed, waiting, faulted), the variables, and the execution state it polls.
        api.MapGet("/workflow-instances/{instanceId}", async (string instanceId, IWorkflowStore store, CancellationToken ct) =>
            await store.GetInstanceDetailsAsync(instanceId, ct) is { } details
                ? Results.Text((await InstanceAsync(details, store, ct)).ToJsonString(), "application/json")
                : NoInstance(instanceId));
        api.MapGet("/workflow-instances/{instanceId}/execution-state", async (string instanceId, IWorkflowStore store, CancellationToken ct) =>
        {
            if (await store.FindInstanceAsync(instanceId, ct) is not { } instance)
            {
                return NoInstance(instanceId);
            }

            var (status, subStatus) = ElsaStates[instance.Status];
            return Results.Ok(new { status, workflowSubStatus = subStatus, updatedAt = Timestamp(instance.UpdatedAt) });
        });
        api.MapMethods("/workflow-instances/{instanceId}/journal", ["GET", "POST"], JournalAsync);
        api.MapGet("/workflow-instances/{instanceId}/variables", async (string instanceId, IWorkflowStore store, CancellationToken ct) =>
        {
            if (await store.FindInstanceAsync(instanceId, ct) is not { } instance)
            {
                return NoInstance(instanceId);
            }

            // The viewer shows the definition's declared variables and looks their values up by id.
            var definition = await store.FindDefinitionVersionAsync(instance.DefinitionVersionId, ct);
            var ids = (definition?.Document["variables"] as JsonArray ?? []).OfType<JsonObject>()
                .Where(v => Text(v["name"]) is not null)
                .ToDictionary(v => Text(v["name"])!, v => Text(v["id"]) ?? Text(v["name"])!, StringComparer.Ordinal);
            var items = new JsonArray([.. instance.State.Variables.Select(v => (JsonNode)new JsonObject
            {
                ["id"] = ids.GetValueOrDefault(v.Key) ?? v.Key,
                ["name"] = v.Key,
                ["value"] = v.Value is JsonValue or null ? v.Value?.DeepClone() : v.Value.ToJsonString(),
            })]);
            return Results.Text(new JsonObject { ["items"] = items, ["count"] = items.Count }.ToJsonString(), "application/json");
        });
        api.MapGet("/activity-executions/list", async (string? workflowInstanceId, string? activityNodeId, IWorkflowStore store, CancellationToken ct) =>
            await ExecutionsAsync(workflowInstanceId, activityNodeId, store, summary: false, ct));
        api.MapGet("/activity-execution-summaries/list", async (string? workflowInstanceId, string? activityNodeId, IWorkflowStore store, CancellationToken ct) =>
            await ExecutionsAsync(workflowInstanceId, activityNodeId, store, summary: true, ct));
        api.MapGet("/activity-executions/by-id", async (string? id, IWorkflowStore store, CancellationToken ct) =>
            await FindExecutionAsync(id, store, ct) is { } found ? Results.Text(found.ToJsonString(), "application/json") : ApiProblems.NotFound($"Es gibt keine Ausführung '{id}'."));
        api.MapGet("/activity-executions/{id}/call-stack", async (string id, IWorkflowStore store, CancellationToken ct) =>
            await FindExecutionAsync(id, store, ct) is { } found
                ? Results.Text(new JsonObject { ["activityExecutionId"] = id, ["items"] = new JsonArray(found), ["totalCount"] = 1 }.ToJsonString(), "application/json")
                : ApiProblems.NotFound($"Es gibt keine Ausführung '{id}'."));
        api.MapPost("/activity-executions/report", ReportAsync);

        // Cancelling goes through the engine (bookmarks and timers removed in one commit) and is journaled with the
        // administrator's name on every step it stopped; deleting instances is left to the retention rules.
        api.MapPost("/cancel/workflow-instances/{instanceId}", async (string instanceId, ClaimsPrincipal user, WorkflowRuntime runtime, ILoggerFactory logs, CancellationToken ct) =>
        {
            await CancelAsync(instanceId, user, runtime, logs, ct);
            return Results.Ok();
        });
        api.MapPost("/bulk-actions/cancel/workflow-instances", async (JsonNode? body, ClaimsPrincipal user, WorkflowRuntime runtime, IWorkflowStore store, ILoggerFactory logs, CancellationToken ct) =>
        {
            var ids = Strings(body?["ids"]).Distinct(StringComparer.Ordinal).ToList();
            if (body?["ids"] is not JsonArray || ids.Count is 0 or > MaxBulkIds)
            {
                return ApiProblems.Field("ids", $"Erwartet wird eine Liste von 1 bis {MaxBulkIds} Instanz-IDs.");
            }

            var cancelled = 0;
            foreach (var instance in await store.FindInstancesAsync(ids, ct))
            {
                if (instance.Status is not (WorkflowStatus.Finished or WorkflowStatus.Cancelled))
                {
                    await CancelAsync(instance.Id, user, runtime, logs, ct);
                    cancelled++;
                }
            }

            return Results.Ok(new { cancelledCount = cancelled });
        });
    }

    private static async Task CancelAsync(string instanceId, ClaimsPrincipal user, WorkflowRuntime runtime, ILoggerFactory logs, CancellationToken ct)
    {
        var actor = Casework.Caller.From(user).Actor;
        await runtime.CancelAsync(instanceId, actor, ct);
        logs.CreateLogger(typeof(StudioInstances)).LogInformation("Audit: Instanz {InstanceId} in Elsa Studio abgebrochen von {Actor}.", instanceId, actor);
    }

    private static IResult NoInstance(string instanceId) => ApiProblems.NotFound($"Es gibt keine Instanz '{instanceId}'.");

    private static async Task<IResult> JournalAsync(string instanceId, int? skip, int? take, HttpRequest request, IWorkflowStore store, CancellationToken ct)
    {
        if (await store.GetInstanceDetailsAsync(instanceId, ct) is not { } details)
        {
            return NoInstance(instanceId);
        }

        var (body, unreadable) = HttpMethods.IsPost(request.Method) ? await JsonObjectBodies.ReadObjectAsync(request, ct) : (null, null);
        if (unreadable is not null)
        {
            return unreadable;
        }

        // Elsa sends {"filter": {...}}; a bare filter object is read too.
        var filter = body?["filter"] as JsonObject ?? body;
        var activityIds = Strings(filter?["activityIds"]).ToHashSet(StringComparer.Ordinal);
        var nodeIdFilter = Strings(filter?["activityNodeIds"]).ToHashSet(StringComparer.Ordinal);
        var eventNames = Strings(filter?["eventNames"]).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var activities = ActivitiesOf(await store.FindDefinitionVersionAsync(details.Instance.DefinitionVersionId, ct));
        var records = details.Journal
            .Select((entry, index) => (entry, index, nodeId: NodeId(activities, entry.ActivityId)))
            .Where(e => activityIds.Count == 0 || activityIds.Contains(e.entry.ActivityId))
            .Where(e => nodeIdFilter.Count == 0 || nodeIdFilter.Contains(e.nodeId))
            .Where(e => eventNames.Count == 0 || eventNames.Contains(EventName(e.entry.Outcome)))
            .ToList();
        var page = records.Skip(skip ?? 0).Take(take ?? 50)
            .Select(e => (JsonNode)JournalRecord(e.entry, e.index, e.nodeId, activities.GetValueOrDefault(e.entry.ActivityId)?.Name))
            .ToList();
        return Results.Text(new JsonObject { ["items"] = new JsonArray([.. page]), ["totalCount"] = records.Count }.ToJsonString(), "application/json");
    }

    private static async Task<IResult> ExecutionsAsync(string? instanceId, string? activityNodeId, IWorkflowStore store, bool summary, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(instanceId))
        {
            return ApiProblems.Field("workflowInstanceId", "Die Instanz fehlt.");
        }

        if (await store.GetInstanceDetailsAsync(instanceId, ct) is not { } details)
        {
            return NoInstance(instanceId);
        }

        var activities = ActivitiesOf(await store.FindDefinitionVersionAsync(details.Instance.DefinitionVersionId, ct));
        var items = new JsonArray([.. ActivityExecution.From(details)
            .Where(e => string.IsNullOrWhiteSpace(activityNodeId) || NodeId(activities, e.ActivityId) == activityNodeId)
            .Select(e => (JsonNode)ExecutionRecord(e, details, activities, summary))]);
        return Results.Text(new JsonObject { ["items"] = items, ["count"] = items.Count }.ToJsonString(), "application/json");
    }

    /// <summary>An execution by its id (<c>instanceId-sequence</c>), or null.</summary>
    private static async Task<JsonObject?> FindExecutionAsync(string? id, IWorkflowStore store, CancellationToken ct)
    {
        var dash = id?.LastIndexOf('-') ?? -1;
        if (id is null || dash <= 0 || await store.GetInstanceDetailsAsync(id[..dash], ct) is not { } details)
        {
            return null;
        }

        var activities = ActivitiesOf(await store.FindDefinitionVersionAsync(details.Instance.DefinitionVersionId, ct));
        return ActivityExecution.From(details).FirstOrDefault(e => e.Id == id) is { } execution ? ExecutionRecord(execution, details, activities, summary: false) : null;
    }

    /// <summary>The node badges: per activity how often it started and completed, whether it waits and whether it faulted.</summary>
    private static async Task<IResult> ReportAsync(JsonNode? body, IWorkflowStore store, CancellationToken ct)
    {
        var instanceId = Strings(body?["workflowInstanceId"]).FirstOrDefault();
        if (instanceId is null)
        {
            return ApiProblems.Field("workflowInstanceId", "Die Instanz fehlt.");
        }

        if (await store.GetInstanceDetailsAsync(instanceId, ct) is not { } details)
        {
            return NoInstance(instanceId);
        }

        var activities = ActivitiesOf(await store.FindDefinitionVersionAsync(details.Instance.DefinitionVersionId, ct));
        var wanted = Strings(body?["activityNodeIds"]).ToHashSet(StringComparer.Ordinal);
        var waiting = details.Bookmarks.Select(b => b.ActivityId).ToHashSet(StringComparer.Ordinal);
        var stats = new JsonArray();
        foreach (var group in ActivityExecution.From(details).GroupBy(e => e.ActivityId, StringComparer.Ordinal))
        {
            var nodeId = NodeId(activities, group.Key);
            if (wanted.Count > 0 && !wanted.Contains(nodeId))
            {
                continue;
            }

            stats.Add(new JsonObject
            {
                ["activityId"] = group.Key,
                ["activityNodeId"] = nodeId,
                ["startedCount"] = group.Count(),
                ["completedCount"] = group.Count(e => e.Status == ActivityExecution.Completed),
                ["uncompletedCount"] = group.Count(e => e.Status == ActivityExecution.Running),
                ["isBlocked"] = waiting.Contains(group.Key),
                ["isFaulted"] = details.Instance.Status == WorkflowStatus.Faulted && group.Last().Status == ActivityExecution.Faulted,
                ["metadata"] = new JsonObject(),
            });
        }

        return Results.Text(new JsonObject { ["stats"] = stats }.ToJsonString(), "application/json");
    }

    private static JsonObject ExecutionRecord(ActivityExecution execution, InstanceDetails details, IReadOnlyDictionary<string, DefinitionActivity> activities, bool summary)
    {
        var activity = activities.GetValueOrDefault(execution.ActivityId);
        var record = new JsonObject
        {
            ["id"] = execution.Id,
            ["workflowInstanceId"] = details.Instance.Id,
            ["activityId"] = execution.ActivityId,
            ["activityNodeId"] = NodeId(activities, execution.ActivityId),
            ["activityType"] = execution.ActivityType,
            ["activityTypeVersion"] = activity?.Version ?? 1,
            ["activityName"] = activity?.Name ?? execution.ActivityId,
            ["startedAt"] = Timestamp(execution.StartedAt),
            ["hasBookmarks"] = execution.HasBookmarks,
            ["status"] = execution.Status,
            ["completedAt"] = execution.CompletedAt is { } completed ? Timestamp(completed) : null,
            ["metadata"] = new JsonObject(),
        };
        if (summary)
        {
            return record;
        }

        var incident = execution.Status == ActivityExecution.Faulted
            ? details.Incidents.LastOrDefault(i => i.ActivityId == execution.ActivityId && i.At <= execution.StartedAt.AddSeconds(1))
            : null;
        record["activityState"] = new JsonObject();
        record["payload"] = new JsonObject { ["outcomes"] = execution.Outcome is { } outcome ? new JsonArray([.. outcome.Split(',').Select(o => (JsonNode)o)]) : new JsonArray() };
        record["outputs"] = new JsonObject();
        record["properties"] = execution.Actor is { } actor ? new JsonObject { ["actor"] = actor } : new JsonObject();
        record["exception"] = incident is null ? null : new JsonObject { ["type"] = incident.ExceptionType, ["message"] = incident.Message };
        record["aggregateFaultCount"] = execution.Status == ActivityExecution.Faulted ? 1 : 0;
        return record;
    }

    private static async Task<JsonObject> InstanceAsync(InstanceDetails details, IWorkflowStore store, CancellationToken ct)
    {
        var instance = details.Instance;
        var (status, subStatus) = ElsaStates[instance.Status];
        var definition = await store.FindDefinitionVersionAsync(instance.DefinitionVersionId, ct);
        var activities = ActivitiesOf(definition);
        var incidents = new JsonArray([.. details.Incidents.Select(i => (JsonNode)new JsonObject
        {
            ["activityId"] = i.ActivityId,
            ["activityNodeId"] = NodeId(activities, i.ActivityId),
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
                ["bookmarks"] = new JsonArray([.. details.Bookmarks.Select(b => (JsonNode)new JsonObject { ["id"] = b.Id, ["name"] = b.Name, ["activityId"] = b.ActivityId, ["activityNodeId"] = NodeId(activities, b.ActivityId), ["createdAt"] = Timestamp(b.CreatedAt) })]),
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

    /// <summary>An activity of the instance's definition version: what the viewer needs to find and name its node.</summary>
    private sealed record DefinitionActivity(string NodeId, string Name, int Version);

    /// <summary>The designer selects a journal entry's node by its <c>nodeId</c>: the one stored with the activity.</summary>
    private static Dictionary<string, DefinitionActivity> ActivitiesOf(WorkflowDefinition? definition)
    {
        var activities = new Dictionary<string, DefinitionActivity>(StringComparer.Ordinal);
        foreach (var activity in (definition?.Document["root"]?["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            if (Text(activity["id"]) is { } activityId)
            {
                var name = Text(activity["metadata"]?["displayText"]) ?? Text(activity["name"]) ?? activityId;
                var version = activity["version"] is JsonValue v && v.TryGetValue(out int number) ? number : 1;
                activities[activityId] = new DefinitionActivity(Text(activity["nodeId"]) ?? $"Workflow1:flowchart1:{activityId}", name, version);
            }
        }

        return activities;
    }

    private static string NodeId(IReadOnlyDictionary<string, DefinitionActivity> activities, string activityId) =>
        activities.GetValueOrDefault(activityId)?.NodeId ?? $"Workflow1:flowchart1:{activityId}";

    /// <summary>
    /// Elsa's journal event for an entry: a step that waits is "Suspended", one that failed "Faulted", one stopped by a
    /// cancellation "Cancelled"; only a step that left by an outcome is "Completed".
    /// </summary>
    private static string EventName(string outcome) => outcome switch
    {
        JournalEntry.SuspendedOutcome or JournalEntry.WaitingOutcome => "Suspended",
        JournalEntry.FaultedOutcome => "Faulted",
        JournalEntry.CancelledOutcome => "Cancelled",
        _ => "Completed",
    };

    private static string JournalMessage(JournalEntry entry)
    {
        var what = entry.Outcome switch
        {
            JournalEntry.SuspendedOutcome => "Wartet auf eine Eingabe.",
            JournalEntry.WaitingOutcome => "Wartet auf die übrigen Zweige.",
            JournalEntry.FaultedOutcome => "Fehlgeschlagen (siehe Vorfälle).",
            JournalEntry.CancelledOutcome => "Abgebrochen.",
            _ => $"Ausgang: {entry.Outcome}.",
        };
        return entry.Actor is { } actor ? $"{what} Durch: {actor}." : what;
    }

    private static JsonObject JournalRecord(JournalEntry entry, int sequence, string nodeId, string? name) => new()
    {
        ["id"] = $"{entry.InstanceId}-{sequence}",
        ["activityInstanceId"] = $"{entry.InstanceId}-{sequence}",
        ["activityId"] = entry.ActivityId,
        ["nodeId"] = nodeId,
        ["activityType"] = entry.ActivityType,
        ["activityTypeVersion"] = 1,
        ["activityName"] = name ?? entry.ActivityId,
        ["workflowInstanceId"] = entry.InstanceId,
        ["timestamp"] = Timestamp(entry.At),
        ["sequence"] = sequence,
        ["eventName"] = EventName(entry.Outcome),
        ["message"] = JournalMessage(entry),
        ["source"] = entry.Actor,
        ["payload"] = EventName(entry.Outcome) == "Completed" ? new JsonObject { ["outcomes"] = new JsonArray([.. entry.Outcome.Split(',').Select(o => (JsonNode)o)]) } : new JsonObject(),
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
                .Where(i => string.IsNullOrWhiteSpace(searchTerm) || i.Id.Contains(searchTerm, StringComparison.OrdinalIgnoreCase) || (i.CorrelationId?.Contains(searchTerm, StringComparison.OrdinalIgnoreCase) ?? false) || i.DefinitionId.Contains(searchTerm, StringComparison.OrdinalIgnoreCase) || $"{i.DefinitionId}:v{i.DefinitionVersion}".Equals(searchTerm, StringComparison.OrdinalIgnoreCase))
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

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    /// <summary>A string or an array of strings (Elsa sends lists; a single value is accepted too).</summary>
    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => array.OfType<JsonValue>().Select(v => v.TryGetValue(out string? s) ? s : null).OfType<string>(),
        JsonValue value when value.TryGetValue(out string? s) && !string.IsNullOrWhiteSpace(s) => [s],
        _ => [],
    };
}
