using System.Globalization;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Testing;

/// <summary>Elsa 3 definition JSON of small flowcharts, as Studio writes it, for tests and benchmarks.</summary>
public static class FlowchartJson
{
    /// <summary>A definition whose root flowchart holds <paramref name="activities"/>, wired by (source, port, target) into each target's <c>In</c>.</summary>
    public static JsonObject Flowchart(string definitionId, string name, JsonObject[] activities, (string Source, string Port, string Target)[] connections) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = name,
        ["variables"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1",
            ["nodeId"] = "Workflow1:flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray(activities),
            ["connections"] = new JsonArray([.. connections.Select(c => (JsonNode)new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = c.Source, ["port"] = c.Port },
                ["target"] = new JsonObject { ["activity"] = c.Target, ["port"] = "In" },
            })]),
        },
    };

    /// <summary>An activity of <paramref name="type"/> whose inputs are string literals.</summary>
    public static JsonObject Activity(string id, string type, params (string Input, string Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["nodeId"] = $"Workflow1:flowchart1:{id}", ["type"] = type, ["version"] = 1 };
        foreach (var (input, value) in inputs)
        {
            activity[input] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };
        }

        return activity;
    }

    /// <summary>Start → StartAt(<paramref name="at"/>) → End, as definition <paramref name="definitionId"/>.</summary>
    public static JsonObject StartAt(string definitionId, DateTimeOffset at)
    {
        var wait = Activity("wait", "Elsa.StartAt");
        wait["dateTime"] = new JsonObject { ["typeName"] = "DateTimeOffset", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = at.ToString("O", CultureInfo.InvariantCulture) } };
        return Flowchart(definitionId, definitionId, [Activity("start", "Elsa.Start"), wait, Activity("end", "Elsa.End")], [("start", "Done", "wait"), ("wait", "Done", "end")]);
    }
}
