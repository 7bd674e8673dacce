using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Expressions;

namespace Foerderworkflow.Engine.Activities.BuiltIn;

/// <summary>
/// Follows the port of the first (or every) case whose condition holds, else <c>Default</c>.
/// Cases are stored unwrapped as Elsa does: <c>[{"label": "Hoch", "condition": {"type": "JavaScript", "value": "…"}}]</c>.
/// </summary>
[Activity("Elsa.FlowSwitch", "Ablauf", "Fallunterscheidung", "Verzweigt nach mehreren Bedingungen; jeder Fall hat einen eigenen Ausgang.")]
public sealed class SwitchActivity : Activity
{
    public const string DefaultOutcome = "Default";

    [Input(DisplayName = "Fälle", Description = "Liste von Fällen mit Bezeichnung und Bedingung.", UIHint = "flow-switch-editor", Unwrapped = true)]
    public Input<JsonArray> Cases { get; set; } = null!;

    [Input(DisplayName = "Modus", Description = "Nur den ersten zutreffenden Fall oder alle zutreffenden Fälle verfolgen.", UIHint = "dropdown", DefaultValue = nameof(SwitchMode.MatchFirst))]
    public Input<SwitchMode> Mode { get; set; } = null!;

    public override IReadOnlyList<string> Outcomes => [.. ParsedCases().Select(c => c.Label), DefaultOutcome];

    public override IEnumerable<(string Field, string Name, JsonNode? Expression)> EmbeddedExpressions()
    {
        var cases = CaseArray();
        for (var index = 0; index < cases.Count; index++)
        {
            if (cases[index] is JsonObject item)
            {
                yield return ($"cases[{index}].condition", Label(item) ?? $"cases[{index}]", item["condition"]);
            }
        }
    }

    public override IEnumerable<string> Validate()
    {
        foreach (var (label, _) in ParsedCases().GroupBy(c => c.Label).Where(g => g.Count() > 1).Select(g => g.First()))
        {
            yield return $"Der Fall '{label}' ist doppelt.";
        }
    }

    public override ActivityResult Execute(ActivityContext context)
    {
        var matches = new List<string>();
        var mode = Mode.IsEmpty ? SwitchMode.MatchFirst : context.Get(Mode);
        foreach (var (label, condition) in ParsedCases())
        {
            if (context.Evaluate(condition) is JsonValue v && v.TryGetValue(out bool holds) && holds)
            {
                matches.Add(label);
                if (mode == SwitchMode.MatchFirst)
                {
                    break;
                }
            }
        }

        return ActivityResult.Outcome(matches.Count > 0 ? [.. matches] : [DefaultOutcome]);
    }

    private IEnumerable<(string Label, Expression Condition)> ParsedCases()
    {
        foreach (var item in CaseArray().OfType<JsonObject>())
        {
            if (Label(item) is { } label)
            {
                yield return (label, Expression.FromJson(item["condition"], label));
            }
        }
    }

    private JsonArray CaseArray() => (Cases?.Expression as LiteralExpression)?.Value as JsonArray ?? [];

    private static string? Label(JsonObject item) =>
        item["label"] is JsonValue value && value.TryGetValue(out string? label) && !string.IsNullOrWhiteSpace(label) ? label : null;
}

public enum SwitchMode
{
    MatchFirst,
    MatchAny,
}
