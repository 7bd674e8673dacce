using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Expressions;

/// <summary>
/// An activity input as the designer stores it: <c>{"type": "Literal" | "JavaScript", "value": "…"}</c>.
/// Only the two syntaxes the engine evaluates exist; anything else is rejected when a definition is compiled.
/// </summary>
public abstract record Expression
{
    public static Expression FromJson(JsonNode? node, string inputName)
    {
        switch (node)
        {
            case null:
                return new LiteralExpression(null);
            case JsonObject wrapped when wrapped["expression"] is JsonObject expression:
                return FromExpressionObject(expression, inputName);
            case JsonObject expression when expression["type"] is not null && expression.ContainsKey("value"):
                return FromExpressionObject(expression, inputName);
            case JsonObject wrapped when wrapped.ContainsKey("expression"):
                return new LiteralExpression(null);
            default:
                return new LiteralExpression(node.DeepClone());
        }
    }

    private static Expression FromExpressionObject(JsonObject expression, string inputName)
    {
        var type = expression["type"]?.GetValue<string>() ?? "Literal";
        var value = expression["value"];
        return type switch
        {
            "Literal" => new LiteralExpression(value?.DeepClone()),
            "JavaScript" => new JavaScriptExpression(value?.GetValue<string>() ?? string.Empty),
            "Object" => new LiteralExpression(value is JsonValue text && text.TryGetValue(out string? json) && !string.IsNullOrWhiteSpace(json) ? JsonNode.Parse(json) : value?.DeepClone()),
            _ => throw new UnsupportedExpressionException(inputName, type),
        };
    }
}

public sealed record LiteralExpression(JsonNode? Value) : Expression;

public sealed record JavaScriptExpression(string Code) : Expression;

public sealed class UnsupportedExpressionException(string inputName, string syntax)
    : Exception($"Input '{inputName}' uses the expression syntax '{syntax}'; only Literal and JavaScript are evaluated.")
{
    public string InputName { get; } = inputName;
}
