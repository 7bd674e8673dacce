using System.Text.Json;
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
            "Object" => new LiteralExpression(value is JsonValue text && text.TryGetValue(out string? json) && !string.IsNullOrWhiteSpace(json) ? ParseObject(json, inputName) : value?.DeepClone()),
            _ => throw new UnsupportedExpressionException(inputName, type),
        };
    }

    private static JsonNode? ParseObject(string json, string inputName)
    {
        try
        {
            return JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new MalformedExpressionException(inputName, $"Input '{inputName}' is not valid JSON: {ex.Message}");
        }
    }
}

public sealed record LiteralExpression(JsonNode? Value) : Expression;

public sealed record JavaScriptExpression(string Code) : Expression;

/// <summary>An input's expression cannot be read; <see cref="InputName"/> says which.</summary>
public abstract class ExpressionException(string inputName, string message) : Exception(message)
{
    public string InputName { get; } = inputName;
}

public sealed class UnsupportedExpressionException(string inputName, string syntax)
    : ExpressionException(inputName, $"Input '{inputName}' uses the expression syntax '{syntax}'; only Literal and JavaScript are evaluated.");

/// <summary>The expression's text cannot be parsed, e.g. an <c>Object</c> expression that is not JSON.</summary>
public sealed class MalformedExpressionException(string inputName, string message) : ExpressionException(inputName, message);
