using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Expressions;

namespace Foerderworkflow.Engine.Activities;

/// <summary>
/// Reads a list of port names from a literal input: either comma-separated text (<c>"Approve,Reject"</c>, as written
/// by hand) or a JSON array of strings (what Elsa Studio's <c>dynamic-outcomes</c> editor stores as an <c>Object</c>
/// expression, <c>["Approve","Reject"]</c>). Anything else, e.g. JavaScript, yields no ports: they must be known when
/// the flowchart is drawn.
/// </summary>
public static class OutcomeNames
{
    public static List<string> Read(Expression? expression) => expression switch
    {
        LiteralExpression { Value: JsonValue value } when value.TryGetValue(out string? text) => Clean(text.Split(',')),
        LiteralExpression { Value: JsonArray array } => Clean(array.Select(item => item is JsonValue v && v.TryGetValue(out string? s) ? s : null).OfType<string>()),
        _ => [],
    };

    private static List<string> Clean(IEnumerable<string> names) =>
        [.. names.Select(n => n.Trim()).Where(n => n.Length > 0).Distinct(StringComparer.Ordinal)];
}
