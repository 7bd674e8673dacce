namespace Foerderworkflow.Engine.Expressions;

public sealed class JavaScriptEvaluationException(string code, string message)
    : ScriptException(code, $"JavaScript failed: {message} (in: {code})");
