using System.Globalization;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Server.Api;

namespace Foerderworkflow.Server.Studio;

/// <summary>
/// What Studio's <c>elsa-workflow-instance-list</c> element reads: <c>POST /workflow-instances</c> with Elsa's
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

    public static void Map(RouteGroupBuilder api) => api.MapPost("/workflow-instances", ListAsync);

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
