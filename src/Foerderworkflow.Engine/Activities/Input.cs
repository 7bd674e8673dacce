using Foerderworkflow.Engine.Expressions;

namespace Foerderworkflow.Engine.Activities;

/// <summary>An activity input bound to its expression when the definition is compiled.</summary>
public sealed class Input<T>(Expression expression, string name = "")
{
    public Expression Expression { get; } = expression;

    /// <summary>The input's property name, e.g. <c>Condition</c>; messages about the value name it.</summary>
    public string Name { get; } = name;

    public bool IsEmpty => Expression is LiteralExpression { Value: null };
}

/// <summary>An activity output; <see cref="VariableId"/> is the variable the designer bound it to, if any.</summary>
public sealed class Output(string name, string? variableId)
{
    public string Name { get; } = name;
    public string? VariableId { get; } = variableId;
}
