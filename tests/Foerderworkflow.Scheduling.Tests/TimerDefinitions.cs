using System.Globalization;
using System.Text.Json.Nodes;
using static Foerderworkflow.Testing.FlowchartJson;

namespace Foerderworkflow.Scheduling.Tests;

/// <summary>Small Elsa 3 flowcharts with a timer.</summary>
internal static class TimerDefinitions
{
    /// <summary>Start → Delay (activity id "wait") → End.</summary>
    public static JsonObject Delay(string definitionId, TimeSpan delay) => Flowchart(
        definitionId,
        definitionId,
        [Activity("start", "Elsa.Start"), Activity("wait", "Elsa.Delay", ("timeSpan", delay.ToString("c", CultureInfo.InvariantCulture))), Activity("end", "Elsa.End")],
        [("start", "Done", "wait"), ("wait", "Done", "end")]);

    /// <summary>Start → a task (activity id "task") due at <paramref name="dueAt"/>; Done and Overdue → End.</summary>
    public static JsonObject TaskDue(string definitionId, DateTimeOffset dueAt) => Flowchart(
        definitionId,
        definitionId,
        [
            Activity("start", "Elsa.Start"),
            Activity("task", "Foerderworkflow.HumanTask", ("assigneeRole", "applicant"), ("title", "Nachweis einreichen"), ("possibleOutcomes", "Done"), ("dueAt", dueAt.ToString("O", CultureInfo.InvariantCulture))),
            Activity("end", "Elsa.End"),
        ],
        [("start", "Done", "task"), ("task", "Done", "end"), ("task", "Overdue", "end")]);
}
