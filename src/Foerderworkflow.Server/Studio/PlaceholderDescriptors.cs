using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;

namespace Foerderworkflow.Server.Studio;

/// <summary>
/// Descriptors for activity types that stored definitions use but the engine's registry does not know (a type that
/// was removed or renamed, an import from elsewhere). Studio draws nothing at all when one type of a workflow lacks a
/// descriptor (ELSA-STUDIO-API.md §5.2); with a placeholder the node shows up as "Unbekannt: …" with the ports its
/// connections use, so the administrator can see and replace it. Publishing still refuses the type (the compiler's
/// "Unbekannter Aktivitätstyp"). A placeholder keeps the stored type name, so saving from Studio changes nothing.
/// Known types stored with another version than the registry's get a copy of their descriptor under that version.
/// </summary>
internal static class PlaceholderDescriptors
{
    public const string Category = "Unbekannt";

    public static IReadOnlyList<JsonObject> For(IEnumerable<WorkflowDefinition> definitions, ActivityRegistry registry)
    {
        var ports = new Dictionary<(string Type, int Version), SortedSet<string>>();
        foreach (var definition in definitions)
        {
            if (definition.Document["root"] is JsonObject root)
            {
                Collect(root, registry, ports);
            }
        }

        return [.. ports.OrderBy(p => p.Key.Type, StringComparer.Ordinal).ThenBy(p => p.Key.Version).Select(p => Describe(p.Key.Type, p.Key.Version, p.Value, registry))];
    }

    private static void Collect(JsonObject container, ActivityRegistry registry, Dictionary<(string Type, int Version), SortedSet<string>> found)
    {
        var activities = (container["activities"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        foreach (var activity in activities)
        {
            if (Text(activity["type"]) is not { Length: > 0 } typeName)
            {
                continue;
            }

            var version = activity["version"] is JsonValue v && v.TryGetValue(out int n) ? n : 1;
            var known = registry.TryGet(typeName, out var type);
            if (!known || type!.Attribute.Version != version)
            {
                if (!found.TryGetValue((typeName, version), out var used))
                {
                    found[(typeName, version)] = used = new SortedSet<string>(StringComparer.Ordinal);
                }

                var id = Text(activity["id"]);
                foreach (var connection in (container["connections"] as JsonArray ?? []).OfType<JsonObject>())
                {
                    if (id is not null && Text(connection["source"]?["activity"]) == id && Text(connection["source"]?["port"]) is { Length: > 0 } port)
                    {
                        used.Add(port);
                    }
                }
            }

            Collect(activity, registry, found);
        }
    }

    private static JsonObject Describe(string typeName, int version, SortedSet<string> usedPorts, ActivityRegistry registry)
    {
        if (registry.TryGet(typeName, out var type))
        {
            var copy = ActivityDescriptors.Describe(type);
            copy["version"] = version;
            copy["isBrowsable"] = false;
            return copy;
        }

        var dot = typeName.LastIndexOf('.');
        var name = dot > 0 ? typeName[(dot + 1)..] : typeName;
        // A single Done is drawn by Studio itself (as for the real descriptors).
        var ports = usedPorts.SetEquals([Activity.DoneOutcome]) ? [] : usedPorts;
        return new JsonObject
        {
            ["typeName"] = typeName,
            ["namespace"] = dot > 0 ? typeName[..dot] : string.Empty,
            ["name"] = name,
            ["version"] = version,
            ["category"] = Category,
            ["displayName"] = $"Unbekannt: {name}",
            ["description"] = $"Die Engine kennt den Aktivitätstyp '{typeName}' nicht (entfernt oder umbenannt). So lässt sich der Ablauf nicht veröffentlichen: die Aktivität ersetzen oder löschen.",
            ["kind"] = "Action",
            ["inputs"] = new JsonArray(),
            ["outputs"] = new JsonArray(),
            ["ports"] = new JsonArray([.. ports.Select(port => (JsonNode)new JsonObject { ["name"] = port, ["displayName"] = port, ["type"] = "Flow", ["isBrowsable"] = true })]),
            ["customProperties"] = new JsonObject { ["placeholder"] = true },
            ["constructionProperties"] = new JsonObject(),
            ["isContainer"] = false,
            ["isBrowsable"] = false,
            ["isStart"] = false,
            ["isTerminal"] = false,
        };
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
