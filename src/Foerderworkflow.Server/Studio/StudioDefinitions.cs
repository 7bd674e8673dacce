using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;

namespace Foerderworkflow.Server.Studio;

/// <summary>
/// Presents stored definitions the way Studio reads them (§6 of ELSA-STUDIO-API.md) and takes its saves apart again.
/// The stored document stays the source of truth; reading only adds what the editor cannot do without: links, empty
/// collections instead of missing ones, a <c>nodeId</c> on every activity and the port lists of dynamic-outcome inputs
/// in the editor's array form.
/// </summary>
internal static class StudioDefinitions
{
    /// <summary>Fields the server owns; whatever the client echoes back for them is dropped on save.</summary>
    private static readonly string[] ServerFields = ["links", "isReadonly", "isSystem", "materializerName", "isMaterializerAvailable", "publishedAt"];

    private static readonly string[] Collections = ["variables", "inputs", "outputs", "outcomes"];

    public static JsonObject ToStudio(WorkflowDefinition definition, ActivityRegistry registry)
    {
        var document = (JsonObject)definition.Document.DeepClone();
        foreach (var name in Collections)
        {
            if (document[name] is not JsonArray)
            {
                document[name] = new JsonArray();
            }
        }

        if (document["customProperties"] is not JsonObject)
        {
            document["customProperties"] = new JsonObject();
        }

        if (document["options"] is not JsonObject)
        {
            document["options"] = new JsonObject { ["autoUpdateConsumingWorkflows"] = false };
        }

        document["name"] ??= definition.Name;
        document["toolVersion"] ??= "3.8.0.0";
        document["isReadonly"] = false;
        document["isSystem"] = false;
        document["materializerName"] = "Json";
        document["links"] = Links(definition);
        RepairActivity((JsonObject)document["root"]!, parentNodeId: null, registry);
        return document;
    }

    /// <summary>A row of the version history and the definition list (§5.7).</summary>
    public static JsonObject Summary(WorkflowDefinition definition) => new()
    {
        ["id"] = definition.Id,
        ["definitionId"] = definition.DefinitionId,
        ["name"] = definition.Name,
        ["description"] = definition.Description,
        ["version"] = definition.Version,
        ["toolVersion"] = definition.Document["toolVersion"]?.DeepClone(),
        ["isLatest"] = definition.IsLatest,
        ["isPublished"] = definition.IsPublished,
        ["createdAt"] = definition.CreatedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        ["materializerName"] = "Json",
        ["isMaterializerAvailable"] = true,
        ["links"] = new JsonArray(),
    };

    /// <summary>The document to store from Studio's <c>model</c>: the server-owned fields removed, everything else kept.</summary>
    public static JsonObject FromStudio(JsonObject model)
    {
        var document = (JsonObject)model.DeepClone();
        foreach (var name in ServerFields)
        {
            document.Remove(name);
        }

        return document;
    }

    private static JsonArray Links(WorkflowDefinition definition)
    {
        var self = $"/workflow-definitions/by-definition-id/{Uri.EscapeDataString(definition.DefinitionId)}";
        var basis = $"/workflow-definitions/{Uri.EscapeDataString(definition.DefinitionId)}";
        var links = new JsonArray
        {
            Link(self, "self", "GET"),
            Link(basis + "/publish", "publish", "POST"),
            Link(basis + "/execute", "execute", "POST"),
            Link(basis + "/export", "export", "GET"),
        };
        if (definition.IsPublished)
        {
            links.Add(Link(basis + "/retract", "retract", "POST"));
        }

        return links;
    }

    private static JsonObject Link(string href, string rel, string method) => new() { ["href"] = href, ["rel"] = rel, ["method"] = method };

    /// <summary>
    /// Gives every activity the <c>nodeId</c> (<c>parent:id</c>) and <c>version</c> the designer indexes by, for
    /// definitions written by hand or by the server; puts dynamic-outcome inputs written as comma-separated text into
    /// the editor's <c>Object</c> form (a JSON array), which the engine reads as well.
    /// </summary>
    private static void RepairActivity(JsonObject activity, string? parentNodeId, ActivityRegistry registry)
    {
        var id = Text(activity["id"]);
        if (string.IsNullOrEmpty(id))
        {
            id = parentNodeId is null ? "flowchart1" : Guid.NewGuid().ToString("N")[..16];
            activity["id"] = id;
        }

        if (string.IsNullOrEmpty(Text(activity["nodeId"])))
        {
            activity["nodeId"] = parentNodeId is null ? $"Workflow1:{id}" : $"{parentNodeId}:{id}";
        }

        registry.TryGet(Text(activity["type"]) ?? string.Empty, out var type);
        if (activity["version"] is null)
        {
            activity["version"] = type?.Attribute.Version ?? 1;
        }

        if (type is not null)
        {
            foreach (var input in type.Inputs.Where(i => i.Attribute.UIHint == ActivityDescriptors.DynamicOutcomesHint))
            {
                if (activity[input.JsonKey]?["expression"] is JsonObject { } expression
                    && Text(expression["type"]) == "Literal"
                    && Text(expression["value"]) is { } text
                    && !text.TrimStart().StartsWith('['))
                {
                    var names = OutcomeNames.Read(new Engine.Expressions.LiteralExpression(JsonValue.Create(text)));
                    activity[input.JsonKey] = new JsonObject
                    {
                        ["typeName"] = "String[]",
                        ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = JsonSerializer.Serialize(names) },
                    };
                }
            }
        }

        var nodeId = Text(activity["nodeId"])!;
        foreach (var child in (activity["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            RepairActivity(child, nodeId, registry);
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
