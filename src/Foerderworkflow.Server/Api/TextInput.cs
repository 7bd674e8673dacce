using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Foerderworkflow.Casework;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Server.Api;

/// <summary>
/// A text in a request body breaks <see cref="TextRules"/>; the JSON reader adds the path, the problem names the field.
/// <paramref name="within"/> is the path inside a free JSON value the reader stopped at (<c>name</c> in <c>input</c>).
/// </summary>
internal sealed class TextInputException(string message, string within = "") : JsonException(message)
{
    public string Within { get; } = within;

    /// <summary><paramref name="field"/> (where the reader stopped) joined with <see cref="Within"/>.</summary>
    public string FieldIn(string field) => Within.Length == 0 ? field : Within.StartsWith('[') ? field + Within : $"{field}.{Within}";
}

/// <summary>
/// Applies <see cref="TextRules"/> to every string the API reads from a JSON body, once, where the body is read: every
/// string is one-line unless its property is marked <see cref="MultiLineTextAttribute"/>; free JSON (a workflow's input,
/// a definition document) follows the multi-line rule in every string and property name. A refused text fails the
/// binding, so the handler never runs and nothing changes.
/// </summary>
internal static class TextInput
{
    public static void Configure(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Converters.Add(TextConverter.OneLine);
        options.TypeInfoResolver = (options.TypeInfoResolver ?? new DefaultJsonTypeInfoResolver()).WithAddedModifier(MarkMultiLineAndFreeJson);
    }

    /// <summary>
    /// The path inside <paramref name="node"/> (<c>model.name</c>, <c>[2]</c>; empty for the node itself) of the first
    /// string or property name that breaks the rules, with the message.
    /// </summary>
    public static (string Field, string Message)? FindProblem(JsonNode? node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (TextRules.Problem(name, multiLine: true) is { } inName)
                    {
                        return (Path(obj), inName);
                    }

                    if (FindProblem(child) is { } inChild)
                    {
                        return inChild;
                    }
                }

                return null;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (FindProblem(item) is { } inItem)
                    {
                        return inItem;
                    }
                }

                return null;
            case JsonValue value when value.TryGetValue(out string? text) && TextRules.Problem(text, multiLine: true) is { } inText:
                return (Path(value), inText);
            default:
                return null;
        }
    }

    private static string Path(JsonNode node) => node.GetPath() is var path && path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');

    private static void MarkMultiLineAndFreeJson(JsonTypeInfo type)
    {
        if (type.Kind != JsonTypeInfoKind.Object)
        {
            return;
        }

        foreach (var property in type.Properties)
        {
            if (property.PropertyType == typeof(string) && property.AttributeProvider is MemberInfo member && member.IsDefined(typeof(MultiLineTextAttribute)))
            {
                property.CustomConverter = TextConverter.MultiLine;
            }
            else if (property.PropertyType == typeof(JsonObject))
            {
                property.CustomConverter = CheckedObjectConverter.Instance;
            }
        }
    }

    private sealed class TextConverter(bool multiLine) : JsonConverter<string>
    {
        public static readonly TextConverter OneLine = new(multiLine: false);

        public static readonly TextConverter MultiLine = new(multiLine: true);

        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException();
            }

            var text = reader.GetString();
            return TextRules.Problem(text, multiLine) is { } problem ? throw new TextInputException(problem) : text;
        }

        public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
    }

    /// <summary>A free JSON object inside a typed body (a workflow's input): read as usual, then every string checked.</summary>
    private sealed class CheckedObjectConverter : JsonConverter<JsonObject>
    {
        public static readonly CheckedObjectConverter Instance = new();

        public override JsonObject? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                throw new JsonException();
            }

            var value = JsonNode.Parse(ref reader, new JsonNodeOptions { PropertyNameCaseInsensitive = options.PropertyNameCaseInsensitive }) as JsonObject;
            return FindProblem(value) is { } problem ? throw new TextInputException(problem.Message, problem.Field) : value;
        }

        public override void Write(Utf8JsonWriter writer, JsonObject value, JsonSerializerOptions options) => value.WriteTo(writer, options);
    }
}
