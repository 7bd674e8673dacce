using System.Globalization;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>Activity input values as Elsa Studio writes them (wrapped inputs, §6.3 of the Studio API notes).</summary>
public static class Expr
{
    /// <summary>A literal; the designer writes every literal as a string.</summary>
    public static JsonObject Literal(string value, string? typeName = "String") => Wrap("Literal", value, typeName);

    /// <summary>A moment as the designer's date-time picker writes it (ISO 8601).</summary>
    public static JsonObject Literal(DateTimeOffset at) => Literal(at.ToString("O", CultureInfo.InvariantCulture), "DateTimeOffset");

    public static JsonObject JavaScript(string code, string? typeName = "Object") => Wrap("JavaScript", code, typeName);

    /// <summary>A JSON value written in the designer's object editor (expression type <c>Object</c>, JSON text).</summary>
    public static JsonObject Json(JsonNode value) => Wrap("Object", value.ToJsonString(), "Object");

    /// <summary>An output bound to a workflow variable.</summary>
    public static JsonObject OutputTo(string variableId) => new()
    {
        ["typeName"] = "Object",
        ["memoryReference"] = new JsonObject { ["id"] = variableId },
    };

    private static JsonObject Wrap(string type, string value, string? typeName) => new()
    {
        ["typeName"] = typeName,
        ["expression"] = new JsonObject { ["type"] = type, ["value"] = value },
        ["memoryReference"] = null,
    };
}
