using System.Text.Json.Nodes;
using Jint;
using JintEngine = Jint.Engine;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace Foerderworkflow.Engine.Expressions;

/// <summary>
/// One Jint engine with the Elsa globals Studio offers (<c>variables</c>, <c>input</c>, <c>lastResult</c>,
/// <c>correlationId</c>, <c>getVariable</c>, <c>setVariable</c>, <c>getInput</c>, <c>getLastResult</c>,
/// <c>getCorrelationId</c>). The globals are defined once per engine and read the state of the evaluation in
/// progress, converting it only when a script touches it; they cannot be redefined by a script, so a pooled engine
/// keeps them intact. No CLR interop is enabled: a script reaches nothing of .NET but these functions.
/// </summary>
internal sealed class ScriptEngine : IDisposable
{
    private static readonly ScriptGlobals Unbound = new([], null, null, null);

    private readonly JintEngine engine;
    private readonly HashSet<string> freshGlobals;
    private ScriptGlobals globals = Unbound;
    private ObjectInstance? variables;
    private JsValue? input;
    private JsValue? lastResult;

    public ScriptEngine(JavaScriptLimits limits, TimeProvider time)
    {
        engine = new JintEngine(options => options
            .Constraint(new TimeLimitConstraint(time, limits.Timeout))
            .MaxStatements(limits.MaxStatements)
            .LimitMemory(limits.MaxAllocatedBytes)
            .LimitRecursion(limits.MaxRecursionDepth)
            .MaxArraySize(limits.MaxArrayLength));

        Accessor("variables", Variables);
        Accessor("input", Input);
        Accessor("lastResult", LastResult);
        Accessor("correlationId", CorrelationId);
        Function("getVariable", 1, args => Variables().Get(Argument(args, 0)));
        Function("setVariable", 2, args => SetVariable(TypeConverter.ToString(Argument(args, 0)), Argument(args, 1)));
        Function("getInput", 1, args => Input() is ObjectInstance obj ? obj.Get(Argument(args, 0)) : JsValue.Undefined);
        Function("getLastResult", 0, _ => LastResult());
        Function("getCorrelationId", 0, _ => CorrelationId());
        freshGlobals = GlobalNames();
    }

    /// <summary>
    /// False once a script added or removed a global (<c>geheim = iban</c> without a declaration): the engine must
    /// not run another instance's scripts then.
    /// </summary>
    public bool IsFresh
    {
        get
        {
            var names = engine.Global.GetOwnPropertyKeys();
            return names.Count == freshGlobals.Count && names.TrueForAll(name => freshGlobals.Contains(name.ToString()));
        }
    }

    public JsonNode? Evaluate(PreparedExpression script, ScriptGlobals state)
    {
        globals = state;
        try
        {
            return ScriptValues.ToJson(engine, engine.Evaluate(script.Script));
        }
        finally
        {
            // A pooled engine must not keep one instance's data alive (or visible) until the next evaluation.
            globals = Unbound;
            variables = null;
            input = null;
            lastResult = null;
        }
    }

    public void Dispose() => engine.Dispose();

    private ObjectInstance Variables() => variables ??= ScriptValues.ToJs(engine, globals.Variables);

    private JsValue Input() => input ??= ScriptValues.ToJs(engine, globals.Input);

    private JsValue LastResult() => lastResult ??= ScriptValues.ToJs(engine, globals.LastResult);

    private JsValue CorrelationId() => globals.CorrelationId is { } id ? JsString.Create(id) : JsValue.Null;

    /// <summary>Writes through to the instance, unlike an assignment to <c>variables.x</c>, and keeps both views in step.</summary>
    private JsValue SetVariable(string name, JsValue value)
    {
        globals.Variables[name] = ScriptValues.ToJson(engine, value);
        variables?.Set(name, value);
        return JsValue.Undefined;
    }

    private void Accessor(string name, Func<JsValue> get) =>
        engine.Global.DefineOwnProperty(name, new GetSetPropertyDescriptor(
            new ClrFunction(engine, name, (_, _) => get()), JsValue.Undefined, enumerable: true, configurable: false));

    private void Function(string name, int length, Func<JsValue[], JsValue> body) =>
        engine.Global.DefineOwnProperty(name, new PropertyDescriptor(
            new ClrFunction(engine, name, (_, args) => body(args), length), writable: false, enumerable: false, configurable: false));

    private static JsValue Argument(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    private HashSet<string> GlobalNames() => [.. engine.Global.GetOwnPropertyKeys().Select(name => name.ToString())];
}
