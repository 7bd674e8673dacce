using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Persistence.Tests.Infrastructure;

/// <summary>Small Elsa 3 definitions for runtime tests.</summary>
internal static class Workflows
{
    /// <summary>start → wait for event "Go" → publish <paramref name="messageType"/> → end (the instance finishes).</summary>
    public static JsonObject GoThenEnd(string definitionId, string messageType = "Test.Went") => Flowchart(
        definitionId,
        [
            Activity("start", "Elsa.Start"),
            Activity("wait", "Elsa.Event", ("eventName", Literal("Go"))),
            Activity("publish", "Foerderworkflow.PublishMessage", ("messageType", Literal(messageType))),
            Activity("end", "Elsa.End"),
        ],
        [Connection("start", "wait"), Connection("wait", "publish"), Connection("publish", "end")]);

    /// <summary>start → wait for event "Go" → publish → human task (the instance waits again).</summary>
    public static JsonObject GoThenTask(string definitionId, string messageType = "Test.Went") => Flowchart(
        definitionId,
        [
            Activity("start", "Elsa.Start"),
            Activity("wait", "Elsa.Event", ("eventName", Literal("Go"))),
            Activity("publish", "Foerderworkflow.PublishMessage", ("messageType", Literal(messageType))),
            Activity("review", "Foerderworkflow.HumanTask", ("assigneeRole", Literal("kuf")), ("title", Literal("Prüfen")), ("possibleOutcomes", Literal("Approved,Rejected"))),
            Activity("end", "Elsa.End"),
        ],
        [Connection("start", "wait"), Connection("wait", "publish"), Connection("publish", "review"), Connection("review", "end", "Approved"), Connection("review", "end", "Rejected")]);

    public static JsonObject Flowchart(string definitionId, JsonObject[] activities, JsonObject[] connections) => new()
    {
        ["definitionId"] = definitionId,
        ["name"] = definitionId,
        ["variables"] = new JsonArray(),
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["activities"] = new JsonArray([.. activities]),
            ["connections"] = new JsonArray([.. connections]),
        },
    };

    public static JsonObject Activity(string id, string type, params (string Key, JsonNode Value)[] inputs)
    {
        var activity = new JsonObject { ["id"] = id, ["type"] = type };
        foreach (var (key, value) in inputs)
        {
            activity[key] = value;
        }

        return activity;
    }

    public static JsonObject Literal(string value) => new()
    {
        ["typeName"] = "String",
        ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value },
    };

    public static JsonObject Connection(string source, string target, string port = "Done") => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };
}
