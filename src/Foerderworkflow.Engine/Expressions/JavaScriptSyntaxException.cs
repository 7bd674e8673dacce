namespace Foerderworkflow.Engine.Expressions;

public sealed class JavaScriptSyntaxException(string code, string message)
    : ScriptException(code, $"JavaScript does not parse: {message} (in: {code})");
