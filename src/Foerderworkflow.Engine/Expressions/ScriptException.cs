namespace Foerderworkflow.Engine.Expressions;

/// <summary>A script that could not be prepared or run; <see cref="Code"/> lets an incident show which one.</summary>
public abstract class ScriptException(string code, string message) : Exception(message)
{
    public string Code { get; } = code;
}
