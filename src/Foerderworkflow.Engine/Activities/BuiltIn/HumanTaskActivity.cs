using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Activities.BuiltIn;

/// <summary>
/// A task for a person in a role. It waits until someone completes it with one of its outcomes, or, with a due
/// date, until the date passes (outcome <c>Overdue</c>). The bookmark payload is what a task inbox shows.
/// </summary>
[Activity("Foerderworkflow.HumanTask", "Aufgaben", "Aufgabe", "Eine Aufgabe für eine Rolle (z. B. KuF, Amt); geht mit dem gewählten Ergebnis weiter.")]
public sealed class HumanTaskActivity : Activity
{
    public const string BookmarkName = "Foerderworkflow.HumanTask";
    public const string OverdueOutcome = "Overdue";

    [Input(DisplayName = "Rolle", Description = "Rolle, die die Aufgabe erledigt, z. B. kuf, office.", UIHint = "singleline", Required = true)]
    public Input<string> AssigneeRole { get; set; } = null!;

    [Input(DisplayName = "Titel", Description = "Was zu tun ist.", UIHint = "singleline", Required = true)]
    public Input<string> Title { get; set; } = null!;

    [Input(DisplayName = "Ergebnisse", Description = "Mögliche Ergebnisse; jedes ist ein Ausgang. 'Overdue' gibt es nur mit Fälligkeitsdatum.", UIHint = "dynamic-outcomes", FixedOutcomes = [OverdueOutcome], Required = true)]
    public Input<string> PossibleOutcomes { get; set; } = null!;

    [Input(DisplayName = "Daten", Description = "Daten, die die Aufgabe anzeigt (JSON oder JavaScript).", UIHint = "multiline")]
    public Input<JsonNode> Payload { get; set; } = null!;

    [Input(DisplayName = "Fällig am", Description = "Optionales Fälligkeitsdatum; danach geht es über den Ausgang 'Overdue' weiter.", UIHint = "datetime-picker")]
    public Input<DateTimeOffset?> DueAt { get; set; } = null!;

    [Output(DisplayName = "Ergebnis")]
    public Output Result { get; set; } = null!;

    public override IReadOnlyList<string> Outcomes => DueAt is { IsEmpty: false } ? [.. OutcomeNames(), OverdueOutcome] : OutcomeNames();

    public override IEnumerable<string> Validate()
    {
        if (OutcomeNames().Count == 0)
        {
            yield return "Eine Aufgabe braucht mindestens ein Ergebnis.";
        }
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var due = DueAt.IsEmpty ? null : context.Get(DueAt);
        var payload = new JsonObject
        {
            ["assigneeRole"] = context.Get(AssigneeRole),
            ["title"] = context.Get(Title),
            ["outcomes"] = new JsonArray([.. OutcomeNames().Select(o => (JsonNode)o)]),
            ["data"] = Payload.IsEmpty ? null : context.Get(Payload),
            ["dueAt"] = due,
        };
        return ActivityResult.Suspend(new BookmarkRequest(BookmarkName, payload, due) { KeyFields = ["assigneeRole", "title"] });
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        if (resumption.ByTimer)
        {
            context.SetOutput(Result, new JsonObject { ["outcome"] = OverdueOutcome });
            return ActivityResult.Outcome(OverdueOutcome);
        }

        // Whatever the caller sent, a wrong outcome refuses the resume; it must never fault the instance.
        var outcome = resumption.Input["outcome"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
        if (outcome is null || !OutcomeNames().Contains(outcome, StringComparer.Ordinal))
        {
            throw new InvalidResumeInputException("outcome", $"Erlaubte Ergebnisse: {string.Join(", ", OutcomeNames())}.");
        }

        context.SetOutput(Result, new JsonObject { ["outcome"] = outcome, ["data"] = resumption.Input["data"]?.DeepClone() });
        return ActivityResult.Outcome(outcome);
    }

    // Outcome names are literal: they are the ports drawn in the designer.
    private List<string> OutcomeNames() => Activities.OutcomeNames.Read(PossibleOutcomes?.Expression);
}
