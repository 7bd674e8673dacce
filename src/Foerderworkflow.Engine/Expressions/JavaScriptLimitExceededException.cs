namespace Foerderworkflow.Engine.Expressions;

/// <summary>A script stopped by one of the <see cref="JavaScriptLimits"/>: most likely a loop that never ends.</summary>
public sealed class JavaScriptLimitExceededException(string code, JavaScriptLimit limit, string detail)
    : ScriptException(code, $"JavaScript stopped: {detail} (in: {code})")
{
    public JavaScriptLimit Limit { get; } = limit;
}
