using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Runtime.CompilerServices;
using System.Text.Json.Nodes;
using Jurassic;
using Jurassic.Compiler;
using Jurassic.Library;

namespace Foerderworkflow.Engine.Expressions;

/// <summary>
/// Evaluates JavaScript expressions with Jurassic. Each distinct script is compiled once and the compiled IL is
/// shared across threads; a burst gets its own <see cref="JavaScriptScope"/> (one script engine) because script
/// engines are not thread-safe.
/// </summary>
public sealed class JavaScriptEvaluator
{
    private const string Prelude = "function getVariable(name) { return variables[name]; }";

    /// <summary>A bound on idle script engines kept for reuse; creating one (with its prelude) costs milliseconds.</summary>
    private const int MaxPooledEngines = 64;

    private readonly ConcurrentDictionary<string, CompiledEval> compiled = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<ScriptEngine> idleEngines = [];

    /// <summary>Each pooled engine's prelude function, to see whether a script replaced it.</summary>
    private readonly ConditionalWeakTable<ScriptEngine, object> preludes = [];
    private FrozenSet<string>? freshGlobals;
    private int compilations;

    /// <summary>How often a script was parsed and compiled; evaluating a cached script does not count.</summary>
    internal int Compilations => Volatile.Read(ref compilations);

    /// <summary>Compiles (or fetches the cached compilation of) a script; throws <see cref="JavaScriptSyntaxException"/>.</summary>
    internal CompiledEval Compile(string code) =>
        compiled.GetOrAdd(code, source =>
        {
            Interlocked.Increment(ref compilations);
            try
            {
                return CompiledEval.Compile(new StringScriptSource(source), new CompilerOptions { ForceStrictMode = false });
            }
            catch (SyntaxErrorException ex)
            {
                throw new JavaScriptSyntaxException(source, ex.Message);
            }
        });

    /// <summary>Checks that a script parses, without running it.</summary>
    public void Validate(string code) => Compile(code);

    public JavaScriptScope CreateScope() => new(this);

    internal ScriptEngine RentEngine()
    {
        if (idleEngines.TryTake(out var engine))
        {
            return engine;
        }

        engine = new ScriptEngine();
        engine.Execute(Prelude);
        JavaScriptScope.SetGlobals(engine, new ScriptGlobals([], null, null, null));
        preludes.AddOrUpdate(engine, engine.GetGlobalValue("getVariable"));
        freshGlobals ??= GlobalNames(engine);
        return engine;
    }

    /// <summary>
    /// Pools the engine again only if the burst's scripts left its global object as it was: a global they declared
    /// (<c>var x = …</c>) or a prelude they replaced would otherwise reach the next burst, i.e. another instance.
    /// </summary>
    internal void ReturnEngine(ScriptEngine engine)
    {
        if (idleEngines.Count < MaxPooledEngines && IsFresh(engine))
        {
            idleEngines.Add(engine);
        }
    }

    private bool IsFresh(ScriptEngine engine) =>
        preludes.TryGetValue(engine, out var prelude)
        && ReferenceEquals(engine.GetGlobalValue("getVariable"), prelude)
        && freshGlobals is { } names
        && GlobalNames(engine).SetEquals(names);

    private static FrozenSet<string> GlobalNames(ScriptEngine engine) =>
        engine.Global.Properties.Select(p => p.Key.ToString() ?? string.Empty).ToFrozenSet(StringComparer.Ordinal);
}

/// <summary>
/// The script engine of one burst, with the instance's state exposed as globals. The engine is rented from a pool on
/// first use and returned on dispose; every evaluation sets the state globals anew, and an engine whose scripts
/// changed its global object is not pooled again, so one instance never sees another's.
/// </summary>
public sealed class JavaScriptScope : IDisposable
{
    private readonly JavaScriptEvaluator evaluator;
    private ScriptEngine? engine;

    internal JavaScriptScope(JavaScriptEvaluator evaluator) => this.evaluator = evaluator;

    /// <summary>
    /// Evaluates <paramref name="code"/> with <c>variables</c>, <c>input</c>, <c>correlationId</c> and
    /// <c>lastResult</c> in scope; returns the result as JSON (undefined and functions become null).
    /// </summary>
    public JsonNode? Evaluate(string code, ScriptGlobals globals)
    {
        var script = evaluator.Compile(code);
        var js = engine ??= evaluator.RentEngine();
        SetGlobals(js, globals);
        object result;
        try
        {
            result = script.Evaluate(js);
        }
        catch (JavaScriptException ex)
        {
            throw new JavaScriptEvaluationException(code, ex.Message);
        }

        return FromJs(js, result);
    }

    public void Dispose()
    {
        if (engine is not null)
        {
            evaluator.ReturnEngine(engine);
            engine = null;
        }
    }

    internal static void SetGlobals(ScriptEngine js, ScriptGlobals globals)
    {
        js.SetGlobalValue("variables", ToJs(js, globals.Variables));
        js.SetGlobalValue("input", ToJs(js, globals.Input));
        js.SetGlobalValue("lastResult", ToJs(js, globals.LastResult));
        js.SetGlobalValue("correlationId", globals.CorrelationId is null ? Null.Value : globals.CorrelationId);
    }

    private static object ToJs(ScriptEngine js, JsonNode? node) =>
        node is null ? Null.Value : JSONObject.Parse(js, node.ToJsonString());

    private static JsonNode? FromJs(ScriptEngine js, object value) => value switch
    {
        null or Undefined or Null => null,
        FunctionInstance => null,
        bool b => JsonValue.Create(b),
        int i => JsonValue.Create(i),
        double d when double.IsFinite(d) => d == Math.Floor(d) && Math.Abs(d) < 1e15 ? JsonValue.Create((long)d) : JsonValue.Create(d),
        double => null,
        string s => JsonValue.Create(s),
        ConcatenatedString cs => JsonValue.Create(cs.ToString()),
        _ => JSONObject.Stringify(js, value) is string json ? JsonNode.Parse(json) : null,
    };
}

/// <summary>What a script sees of the workflow instance.</summary>
public sealed record ScriptGlobals(JsonObject Variables, JsonNode? Input, JsonNode? LastResult, string? CorrelationId);

public sealed class JavaScriptSyntaxException(string code, string message)
    : Exception($"JavaScript does not parse: {message} (in: {code})")
{
    public string Code { get; } = code;
}

public sealed class JavaScriptEvaluationException(string code, string message)
    : Exception($"JavaScript failed: {message} (in: {code})")
{
    public string Code { get; } = code;
}
