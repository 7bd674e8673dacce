using System.Text.Json.Nodes;
using static Foerderworkflow.Testing.FlowchartJson;

namespace Foerderworkflow.Server.Tests;

/// <summary>Small Elsa 3 flowcharts the API tests run.</summary>
internal static class TestDefinitions
{
    /// <summary>Start → task for the KuF (Approve/Reject) → Approve publishes a message → End.</summary>
    public static JsonObject Review(string definitionId) => Flowchart(
        definitionId,
        "Prüfung",
        [
            Activity("start", "Elsa.Start"),
            Activity("review", "Foerderworkflow.HumanTask", ("assigneeRole", "kuf"), ("title", "Formale Prüfung"), ("possibleOutcomes", "Approve,Reject")),
            Activity("notify", "Foerderworkflow.PublishMessage", ("messageType", "ReviewApproved")),
            Activity("end", "Elsa.End"),
        ],
        [("start", "Done", "review"), ("review", "Approve", "notify"), ("review", "Reject", "end"), ("notify", "Done", "end")]);

    /// <summary>Start → wait for event "Go" → End.</summary>
    public static JsonObject WaitForGo(string definitionId) => Flowchart(
        definitionId,
        "Warten auf Go",
        [Activity("start", "Elsa.Start"), Activity("go", "Elsa.Event", ("eventName", "Go")), Activity("end", "Elsa.End")],
        [("start", "Done", "go"), ("go", "Done", "end")]);

    /// <summary>Start → a decision whose JavaScript throws → End: every run faults.</summary>
    public static JsonObject Faulty(string definitionId) => Flowchart(
        definitionId,
        "Fehlerhaft",
        [Activity("start", "Elsa.Start"), JsActivity("decide", "Elsa.FlowDecision", "condition", "input.missing.value > 1"), Activity("end", "Elsa.End")],
        [("start", "Done", "decide"), ("decide", "True", "end"), ("decide", "False", "end")]);

    /// <summary>Connects a port the source does not have and uses an unknown activity type.</summary>
    public static JsonObject Broken(string definitionId) => Flowchart(
        definitionId,
        "Kaputt",
        [Activity("start", "Elsa.Start"), Activity("ghost", "Acme.DoesNotExist"), Activity("end", "Elsa.End")],
        [("start", "Nowhere", "end")]);

    /// <summary>Start → the office decides → Approve ends; the required port Reject leads nowhere.</summary>
    public static JsonObject OpenDecision(string definitionId) => Flowchart(
        definitionId,
        "Offene Entscheidung",
        [Activity("start", "Elsa.Start"), Activity("officeDecision", "Foerderworkflow.Funding.OfficeDecision"), Activity("end", "Elsa.End")],
        [("start", "Done", "officeDecision"), ("officeDecision", "Approve", "end")]);

    private static JsonObject JsActivity(string id, string type, string input, string code)
    {
        var activity = Activity(id, type);
        activity[input] = new JsonObject { ["typeName"] = "Boolean", ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = code } };
        return activity;
    }
}
