using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Activities.BuiltIn;

namespace Foerderworkflow.Server.Studio;

/// <summary>
/// Elsa Studio's activity descriptors (§7 of ELSA-STUDIO-API.md), generated from the engine's
/// <see cref="ActivityRegistry"/> so the toolbox can never drift from what the engine runs.
/// </summary>
internal static class ActivityDescriptors
{
    public const string DynamicOutcomesHint = "dynamic-outcomes";

    public static IReadOnlyList<JsonObject> From(ActivityRegistry registry) =>
        [.. registry.Types.OrderBy(t => t.Attribute.Category, StringComparer.Ordinal).ThenBy(t => t.TypeName, StringComparer.Ordinal).Select(Describe)];

    public static JsonObject Describe(ActivityType type)
    {
        var attribute = type.Attribute;
        var dot = type.TypeName.LastIndexOf('.');
        var inputs = new JsonArray();
        var construction = new JsonObject();
        var order = 0;
        foreach (var input in type.Inputs)
        {
            inputs.Add(Input(input, order++));
            if (input.Attribute.DefaultValue is { } defaultValue && !input.Attribute.Unwrapped)
            {
                construction[input.Name] = new JsonObject
                {
                    ["typeName"] = ElsaTypeName(input.ValueType),
                    ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = defaultValue },
                };
            }
        }

        order = 0;
        var outputs = new JsonArray([.. type.Outputs.Select(output => (JsonNode)new JsonObject
        {
            ["name"] = output.Name,
            ["typeName"] = "Object",
            ["displayName"] = output.Attribute.DisplayName ?? output.Name,
            ["description"] = output.Attribute.Description,
            ["order"] = order++,
            ["isBrowsable"] = true,
            ["isSynthetic"] = false,
        })]);

        return new JsonObject
        {
            ["typeName"] = type.TypeName,
            ["namespace"] = dot > 0 ? type.TypeName[..dot] : string.Empty,
            // Studio names a dropped node "<name><n>": with the display name and a space that reads "Antrag zuleiten 1".
            ["name"] = attribute.DisplayName + " ",
            ["version"] = attribute.Version,
            ["category"] = attribute.Category,
            ["displayName"] = attribute.DisplayName,
            ["description"] = attribute.Description,
            ["kind"] = "Action",
            ["inputs"] = inputs,
            ["outputs"] = outputs,
            ["ports"] = Ports(type),
            ["customProperties"] = new JsonObject(),
            ["constructionProperties"] = construction,
            ["isContainer"] = false,
            ["isBrowsable"] = true,
            ["isStart"] = type.ClrType == typeof(StartActivity),
            ["isTerminal"] = !type.HasDynamicOutcomes && type.StaticOutcomes.Count == 0,
        };
    }

    /// <summary>
    /// Static ports come from the attribute. A single <c>Done</c> is left out: Studio draws it by default. Ports of
    /// activities that compute them from inputs are drawn by Studio itself: from the <c>dynamic-outcomes</c> input, or
    /// for <c>Elsa.FlowSwitch</c> from its cases (a built-in Studio port provider).
    /// </summary>
    private static JsonArray Ports(ActivityType type)
    {
        if (type.HasDynamicOutcomes || type.StaticOutcomes is [Activity.DoneOutcome])
        {
            return [];
        }

        return [.. type.StaticOutcomes.Select(outcome => (JsonNode)new JsonObject
        {
            ["name"] = outcome,
            ["displayName"] = type.OutcomeLabel(outcome),
            ["type"] = "Flow",
            ["isBrowsable"] = true,
        })];
    }

    private static JsonObject Input(ActivityInput input, int order)
    {
        var attribute = input.Attribute;
        var valueType = Nullable.GetUnderlyingType(input.ValueType) ?? input.ValueType;
        var options = valueType.IsEnum ? Enum.GetNames(valueType) : attribute.Options;
        var uiHint = attribute.UIHint ?? DefaultHint(valueType, options);
        var dynamicOutcomes = uiHint == DynamicOutcomesHint;
        JsonObject? uiSpecifications = null;
        if (options is { Length: > 0 } && uiHint is "dropdown" or "radiolist" or "checklist")
        {
            uiSpecifications = new JsonObject
            {
                [uiHint] = new JsonObject
                {
                    ["selectList"] = new JsonObject
                    {
                        ["items"] = new JsonArray([.. options.Select(o => (JsonNode)new JsonObject { ["text"] = o, ["value"] = o })]),
                        ["isFlagsEnum"] = valueType.IsEnum && valueType.IsDefined(typeof(FlagsAttribute), false),
                    },
                },
            };
        }
        else if (dynamicOutcomes)
        {
            uiSpecifications = new JsonObject
            {
                ["DynamicOutcomesOptions"] = new JsonObject { ["fixedOutcomes"] = new JsonArray([.. (attribute.FixedOutcomes ?? []).Select(o => (JsonNode)o)]) },
            };
        }

        return new JsonObject
        {
            ["name"] = input.Name,
            ["typeName"] = dynamicOutcomes ? "String[]" : ElsaTypeName(valueType),
            ["displayName"] = attribute.DisplayName ?? input.Name,
            ["description"] = attribute.Description,
            ["order"] = order,
            ["isBrowsable"] = true,
            ["isSynthetic"] = false,
            ["isWrapped"] = !attribute.Unwrapped,
            ["uiHint"] = uiHint,
            ["category"] = null,
            ["defaultValue"] = attribute.DefaultValue,
            ["defaultSyntax"] = dynamicOutcomes ? "Object" : "Literal",
            ["isReadOnly"] = false,
            ["isSensitive"] = false,
            ["storageDriverType"] = null,
            ["uiSpecifications"] = uiSpecifications,
        };
    }

    private static string DefaultHint(Type valueType, string[]? options) => valueType switch
    {
        _ when options is { Length: > 0 } => "dropdown",
        _ when valueType == typeof(bool) => "checkbox",
        _ when valueType == typeof(DateTimeOffset) || valueType == typeof(DateTime) || valueType == typeof(DateOnly) => "datetime-picker",
        _ when typeof(JsonNode).IsAssignableFrom(valueType) => "json-editor",
        _ => "singleline",
    };

    /// <summary>Elsa's well-known type aliases for the CLR types inputs use.</summary>
    public static string ElsaTypeName(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type.IsArray)
        {
            return ElsaTypeName(type.GetElementType()!) + "[]";
        }

        return type switch
        {
            _ when type.IsEnum => "String",
            _ when type == typeof(string) => "String",
            _ when type == typeof(bool) => "Boolean",
            _ when type == typeof(int) => "Int32",
            _ when type == typeof(long) => "Int64",
            _ when type == typeof(decimal) => "Decimal",
            _ when type == typeof(double) => "Double",
            _ when type == typeof(float) => "Single",
            _ when type == typeof(Guid) => "Guid",
            _ when type == typeof(TimeSpan) => "TimeSpan",
            _ when type == typeof(DateTime) => "DateTime",
            _ when type == typeof(DateTimeOffset) => "DateTimeOffset",
            _ when type == typeof(DateOnly) => "DateOnly",
            _ => "Object",
        };
    }
}
