using System.Reflection;

namespace Foerderworkflow.Engine.Activities;

/// <summary>What the engine knows of an activity class: its attribute, inputs and outputs, read once by reflection.</summary>
public sealed record ActivityType(
    Type ClrType,
    ActivityAttribute Attribute,
    IReadOnlyList<ActivityInput> Inputs,
    IReadOnlyList<ActivityOutput> Outputs)
{
    public string TypeName => Attribute.TypeName;

    /// <summary>The ports declared on the attribute; for activities with <see cref="HasDynamicOutcomes"/> they are not the whole story.</summary>
    public IReadOnlyList<string> StaticOutcomes => Attribute.Outcomes;

    /// <summary>The ports that must be connected before a flowchart using the activity may be published.</summary>
    public IReadOnlyList<string> RequiredOutcomes => Attribute.RequiredOutcomes;

    /// <summary>
    /// True when the class computes its ports from its inputs (it overrides <see cref="Activity.Outcomes"/>), e.g. the
    /// branches of a fork or the results of a task. A designer then draws the ports from the input values.
    /// </summary>
    /// <summary>The label of an outcome for designers (<see cref="OutcomeLabelAttribute"/>), or the outcome's name.</summary>
    public string OutcomeLabel(string outcome) =>
        ClrType.GetCustomAttributes<OutcomeLabelAttribute>().FirstOrDefault(l => l.Outcome == outcome)?.DisplayName ?? outcome;

    public bool HasDynamicOutcomes =>
        ClrType.GetProperty(nameof(Activity.Outcomes), BindingFlags.Public | BindingFlags.Instance)?.GetMethod?.DeclaringType != typeof(Activity);

    public static ActivityType Describe(Type clrType)
    {
        var attribute = clrType.GetCustomAttribute<ActivityAttribute>()
            ?? throw new InvalidOperationException($"{clrType} has no [Activity] attribute.");
        if (clrType.GetConstructor(Type.EmptyTypes) is null)
        {
            throw new InvalidOperationException($"{clrType} needs a parameterless constructor.");
        }

        if (attribute.RequiredOutcomes.Except(attribute.Outcomes, StringComparer.Ordinal).ToList() is [_, ..] unknown)
        {
            throw new InvalidOperationException($"{clrType} marks ports as required that it does not declare: {string.Join(", ", unknown)}.");
        }

        if (clrType.GetCustomAttributes<OutcomeLabelAttribute>().Select(l => l.Outcome).Except(attribute.Outcomes, StringComparer.Ordinal).ToList() is [_, ..] unlabelled)
        {
            throw new InvalidOperationException($"{clrType} labels ports that it does not declare: {string.Join(", ", unlabelled)}.");
        }

        var inputs = new List<ActivityInput>();
        var outputs = new List<ActivityOutput>();
        foreach (var property in clrType.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.GetCustomAttribute<InputAttribute>() is { } input)
            {
                if (!property.PropertyType.IsGenericType || property.PropertyType.GetGenericTypeDefinition() != typeof(Input<>))
                {
                    throw new InvalidOperationException($"{clrType}.{property.Name} is marked [Input] but is not an Input<T>.");
                }

                inputs.Add(new ActivityInput(property, input, property.PropertyType.GetGenericArguments()[0]));
            }
            else if (property.GetCustomAttribute<OutputAttribute>() is { } output)
            {
                outputs.Add(new ActivityOutput(property, output));
            }
        }

        return new ActivityType(clrType, attribute, inputs, outputs);
    }
}

public sealed record ActivityInput(PropertyInfo Property, InputAttribute Attribute, Type ValueType)
{
    public string Name => Property.Name;

    /// <summary>The key under which Elsa stores the input in the activity JSON (camelCase).</summary>
    public string JsonKey => JsonKeys.CamelCase(Property.Name);
}

public sealed record ActivityOutput(PropertyInfo Property, OutputAttribute Attribute)
{
    public string Name => Property.Name;
    public string JsonKey => JsonKeys.CamelCase(Property.Name);
}

internal static class JsonKeys
{
    public static string CamelCase(string name) => name.Length == 0 ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
