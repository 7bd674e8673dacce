namespace Foerderworkflow.Engine.Activities;

/// <summary>Marks an <see cref="Input{T}"/> property as a designer input.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class InputAttribute : Attribute
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }

    /// <summary>Elsa UI hint, e.g. <c>singleline</c>, <c>multiline</c>, <c>dropdown</c>, <c>checkbox</c>, <c>code-editor</c>.</summary>
    public string? UIHint { get; init; }

    /// <summary>Choices for a dropdown; for enum inputs they are taken from the enum.</summary>
    public string[]? Options { get; init; }

    public bool Required { get; init; }

    /// <summary>A value shown and pre-filled by the designer for new activities (invariant text, e.g. an enum member name).</summary>
    public string? DefaultValue { get; init; }

    /// <summary>
    /// For an input with the UI hint <c>dynamic-outcomes</c> (its value is the list of the activity's ports): ports the
    /// activity may have in addition to the listed ones, e.g. <c>Overdue</c> of a task with a due date.
    /// </summary>
    public string[]? FixedOutcomes { get; init; }

    /// <summary>Inputs that are not expressions but raw JSON under the input key (Elsa's <c>isWrapped: false</c>).</summary>
    public bool Unwrapped { get; init; }
}

/// <summary>Marks an <see cref="Output"/> property; its value can be bound to a workflow variable in the designer.</summary>
[AttributeUsage(AttributeTargets.Property, Inherited = false)]
public sealed class OutputAttribute : Attribute
{
    public string? DisplayName { get; init; }
    public string? Description { get; init; }
}
