using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Activities;

/// <summary>
/// Converts an evaluated input to the activity's CLR type. The designer writes every literal as a string
/// (<c>"True"</c>, <c>"600"</c>, <c>"00:05:00"</c>), so strings are parsed invariantly before JSON binding is tried.
/// </summary>
internal static class ValueConverter
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static T? Convert<T>(JsonNode? node, string inputName)
    {
        if (node is null)
        {
            return default;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (target == typeof(JsonNode) || target == typeof(JsonObject) || target == typeof(JsonArray))
        {
            return (T)(object)node.DeepClone();
        }

        if (target == typeof(string))
        {
            return (T)(object)(node is JsonValue v && v.TryGetValue(out string? s) ? s : node.ToJsonString());
        }

        try
        {
            if (node is JsonValue value && value.TryGetValue(out string? text))
            {
                return (T?)Parse(text, target);
            }

            return node.Deserialize<T>(Options);
        }
        catch (Exception ex) when (ex is FormatException or JsonException or OverflowException or ArgumentException)
        {
            throw new InvalidOperationException($"Input '{inputName}' cannot be read as {target.Name}: {node.ToJsonString()}", ex);
        }
    }

    private static object? Parse(string text, Type target)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var culture = CultureInfo.InvariantCulture;
        return target switch
        {
            _ when target.IsEnum => Enum.Parse(target, text, ignoreCase: true),
            _ when target == typeof(bool) => bool.Parse(text),
            _ when target == typeof(int) => int.Parse(text, culture),
            _ when target == typeof(long) => long.Parse(text, culture),
            _ when target == typeof(decimal) => decimal.Parse(text, culture),
            _ when target == typeof(double) => double.Parse(text, culture),
            _ when target == typeof(TimeSpan) => TimeSpan.Parse(text, culture),
            _ when target == typeof(DateTimeOffset) => DateTimeOffset.Parse(text, culture, DateTimeStyles.AssumeUniversal),
            _ when target == typeof(DateOnly) => DateOnly.Parse(text, culture),
            _ => JsonSerializer.Deserialize(text, target, Options),
        };
    }
}
