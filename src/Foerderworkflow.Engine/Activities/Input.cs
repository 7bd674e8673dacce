using Foerderworkflow.Engine.Expressions;

namespace Foerderworkflow.Engine.Activities;

/// <summary>An activity input bound to its expression when the definition is compiled.</summary>
public sealed class Input<T>(Expression expression)
{
    public Expression Expression { get; } = expression;

    public bool IsEmpty => Expression is LiteralExpression { Value: null };
}

/// <summary>An activity output; <see cref="VariableId"/> is the variable the designer bound it to, if any.</summary>
public sealed class Output(string name, string? variableId)
{
    public string Name { get; } = name;
    public string? VariableId { get; } = variableId;
}
