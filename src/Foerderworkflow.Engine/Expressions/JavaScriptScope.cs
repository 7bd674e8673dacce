using System.Globalization;
using System.Text.Json.Nodes;
using Jint;
using Jint.Runtime;

namespace Foerderworkflow.Engine.Expressions;

/// <summary>
/// The script engine of one burst, with the instance's state exposed as globals. The engine is rented from a pool on
/// first use and returned on dispose; every evaluation binds the state anew, and an engine whose scripts declared or
/// added globals is not pooled again, so what one instance's scripts leave there never reaches another's.
/// </summary>
public sealed class JavaScriptScope : IDisposable
{
    private readonly JavaScriptEvaluator evaluator;
    private ScriptEngine? engine;

    internal JavaScriptScope(JavaScriptEvaluator evaluator) => this.evaluator = evaluator;

    /// <summary>
    /// Evaluates <paramref name="code"/> with the instance's state in scope; returns the result as JSON (undefined
    /// and functions become null). A script stopped by a limit throws <see cref="JavaScriptLimitExceededException"/>,
    /// which the burst turns into an incident like any other failing step.
    /// </summary>
    public JsonNode? Evaluate(string code, ScriptGlobals globals)
    {
        var script = evaluator.Compile(code);
        var js = engine ??= evaluator.RentEngine();
        try
        {
            return js.Evaluate(script, globals);
        }
        catch (JavaScriptException ex)
        {
            throw new JavaScriptEvaluationException(code, ex.Message);
        }
        catch (Exception ex) when (LimitOf(ex) is { } limit)
        {
            // An engine interrupted mid-statement may hold half-built state; it runs nothing more.
            Discard();
            throw new JavaScriptLimitExceededException(code, limit, Describe(limit, ex));
        }
        catch (JintException ex)
        {
            throw new JavaScriptEvaluationException(code, ex.Message);
        }
        finally
        {
            if (script.DeclaresGlobals)
            {
                Discard();
            }
        }
    }

    public void Dispose()
    {
        if (engine is not null)
        {
            evaluator.ReturnEngine(engine);
            engine = null;
        }
    }

    private void Discard()
    {
        engine?.Dispose();
        engine = null;
    }

    private static JavaScriptLimit? LimitOf(Exception ex) => ex switch
    {
        TimeoutException => JavaScriptLimit.Time,
        StatementsCountOverflowException => JavaScriptLimit.Statements,
        MemoryLimitExceededException => JavaScriptLimit.Memory,
        RecursionDepthOverflowException => JavaScriptLimit.Recursion,
        _ => null,
    };

    private string Describe(JavaScriptLimit limit, Exception ex) => limit switch
    {
        JavaScriptLimit.Time => ex.Message,
        JavaScriptLimit.Statements => string.Create(CultureInfo.InvariantCulture, $"ran more than {evaluator.Limits.MaxStatements:N0} statements (an endless loop?)"),
        JavaScriptLimit.Memory => $"used more memory than allowed ({ex.Message})",
        _ => $"nested calls deeper than {evaluator.Limits.MaxRecursionDepth} (endless recursion?)",
    };
}
