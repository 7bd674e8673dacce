using System.Globalization;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Testing;

/// <summary>Elsa 3 definition JSON of the smallest workflow with a timer, for the timer tests and the timer benchmark.</summary>
public static class TimerFlowcharts
{
    /// <summary>Start → StartAt(<paramref name="at"/>) → End, as definition <paramref name="definitionId"/>.</summary>
    public static JsonObject StartAt(string definitionId, DateTimeOffset at)
    {
        static JsonObject Node(string id, string type) => new() { ["id"] = id, ["nodeId"] = $"Workflow1:flowchart1:{id}", ["type"] = type, ["version"] = 1 };
        static JsonObject Edge(string source, string target) => new()
        {
            ["source"] = new JsonObject { ["activity"] = source, ["port"] = "Done" },
            ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
        };
        var wait = Node("wait", "Elsa.StartAt");
        wait["dateTime"] = new JsonObject { ["typeName"] = "DateTimeOffset", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = at.ToString("O", CultureInfo.InvariantCulture) } };
        return new JsonObject
        {
            ["definitionId"] = definitionId,
            ["name"] = definitionId,
            ["variables"] = new JsonArray(),
            ["root"] = new JsonObject
            {
                ["id"] = "flowchart1",
                ["nodeId"] = "Workflow1:flowchart1",
                ["type"] = "Elsa.Flowchart",
                ["version"] = 1,
                ["activities"] = new JsonArray(Node("start", "Elsa.Start"), wait, Node("end", "Elsa.End")),
                ["connections"] = new JsonArray(Edge("start", "wait"), Edge("wait", "end")),
            },
        };
    }
}
