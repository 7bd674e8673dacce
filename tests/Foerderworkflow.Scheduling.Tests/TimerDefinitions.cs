using System.Globalization;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Scheduling.Tests;

/// <summary>Small Elsa 3 flowcharts with a timer.</summary>
internal static class TimerDefinitions
{
    /// <summary>Start → Delay (activity id "wait") → End.</summary>
    public static JsonObject Delay(string definitionId, TimeSpan delay) => Flowchart(
        definitionId,
        [Activity("start", "Elsa.Start"), Activity("wait", "Elsa.Delay", ("timeSpan", delay.ToString("c", CultureInfo.InvariantCulture))), Activity("end", "Elsa.End")],
        [("start", "Done", "wait"), ("wait", "Done", "end")]);

    /// <summary>Start → a task (activity id "task") due at <paramref name="dueAt"/>; Done and Overdue → End.</summary>
    public static JsonObject TaskDue(string definitionId, DateTimeOffset dueAt) => Flowchart(
        definitionId,
        [
            Activity("start", "Elsa.Start"),
            Activity("task", "Foerderworkflow.HumanTask", ("assigneeRole", "applicant"), ("title", "Nachweis einreichen"), ("possibleOutcomes", "Done"), ("dueAt", dueAt.ToString("O", CultureInfo.InvariantCulture))),
            Activity("end", "Elsa.End"),
        ],
        [("start", "Done", "task"), ("task", "Done", "end"), ("task", "Overdue", "end")]);

    private static JsonObject Flowchart(string definitionId, JsonObject[] activities, (string Source, string Port, string Target)[] connections) => new()
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
            ["activities"] = new JsonArray(activities),
            ["connections"] = new JsonArray([.. connections.Select(c => (JsonNode)new JsonObject
            {
                ["source"] = new JsonObject { ["activity"] = c.Source, ["port"] = c.Port },
                ["target"] = new JsonObject { ["activity"] = c.Target, ["port"] = "In" },
            })]),
        },
    };

    private static JsonObject Activity(string id, string type, params (string Input, string Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["nodeId"] = $"Workflow1:flowchart1:{id}", ["type"] = type, ["version"] = 1 };
        foreach (var (input, value) in inputs)
        {
            activity[input] = new JsonObject { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };
        }

        return activity;
    }
}
