using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Jint;
using JintEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Function;
using Jint.Native.Object;
using Jint.Runtime;

namespace Foerderworkflow.Engine.Expressions;

/// <summary>
/// Moves values between the instance's JSON and the script engine without a text round trip on the way in: the
/// instance state is converted node by node, and only when a script reads it.
/// </summary>
internal static class ScriptValues
{
    public static JsValue ToJs(JintEngine engine, JsonNode? node) => node switch
    {
        null => JsValue.Null,
        JsonObject obj => ToJs(engine, obj),
        JsonArray array => new JsArray(engine, [.. array.Select(item => ToJs(engine, item))]),
        JsonValue value => ToJs(value),
        _ => JsValue.Undefined,
    };

    public static ObjectInstance ToJs(JintEngine engine, JsonObject node)
    {
        var obj = new JsObject(engine);
        foreach (var (name, value) in node)
        {
            obj.FastSetDataProperty(name, ToJs(engine, value));
        }

        return obj;
    }

    /// <summary>
    /// The script's result as JSON, as <c>JSON.stringify</c> would write it; undefined, functions and non-finite
    /// numbers become null. Integral numbers come back as integers (Int32 where they fit), as activities and stored
    /// state expect a count to be one.
    /// </summary>
    public static JsonNode? ToJson(JintEngine engine, JsValue value) => value.Type switch
    {
        Types.Boolean => JsonValue.Create(value.AsBoolean()),
        Types.Number => ToJson(value.AsNumber()),
        Types.String => JsonValue.Create(value.ToString()),
        Types.Object when value is Function => null,
        Types.Object or Types.BigInt => Stringified(engine, value),
        _ => null,
    };

    private static JsValue ToJs(JsonValue value) => value.GetValueKind() switch
    {
        JsonValueKind.String => JsString.Create(value.TryGetValue<string>(out var s) ? s : value.Deserialize<string>()!),
        JsonValueKind.Number => JsNumber.Create(value.TryGetValue<double>(out var d) ? d : double.Parse(value.ToJsonString(), CultureInfo.InvariantCulture)),
        JsonValueKind.True => JsBoolean.True,
        JsonValueKind.False => JsBoolean.False,
        _ => JsValue.Null,
    };

    private static JsonValue? ToJson(double number) => number switch
    {
        _ when !double.IsFinite(number) => null,
        _ when number != Math.Floor(number) || Math.Abs(number) >= 1e15 => JsonValue.Create(number),
        >= int.MinValue and <= int.MaxValue => JsonValue.Create((int)number),
        _ => JsonValue.Create((long)number),
    };

    // Objects go through Jint's own JSON.stringify, so toJSON, dates and cycles behave as in any script.
    private static JsonNode? Stringified(JintEngine engine, JsValue value) =>
        new Jint.Native.Json.JsonSerializer(engine).Serialize(value) is JsString json ? JsonNode.Parse(json.ToString()) : null;
}
