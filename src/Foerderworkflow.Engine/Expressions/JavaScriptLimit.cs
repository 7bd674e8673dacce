namespace Foerderworkflow.Engine.Expressions;

/// <summary>Which of the <see cref="JavaScriptLimits"/> stopped a script.</summary>
public enum JavaScriptLimit
{
    Time,
    Statements,
    Memory,
    Recursion,
}
