using System.Collections.Concurrent;
using Acornima;
using Jint;
using JintEngine = Jint.Engine;

namespace Foerderworkflow.Engine.Expressions;

/// <summary>
/// Evaluates JavaScript expressions with Jint, the interpreter Elsa uses, so a Studio expression means here what it
/// means there. Each distinct script is parsed once and the prepared script is shared across threads; a burst gets
/// its own <see cref="JavaScriptScope"/> (one engine, rented from a pool) because engines are not thread-safe.
/// Every evaluation runs under <see cref="JavaScriptLimits"/>.
/// </summary>
public sealed class JavaScriptEvaluator
{
    /// <summary>A bound on idle engines kept for reuse; an engine with its globals costs tens of microseconds to build.</summary>
    private const int MaxPooledEngines = 64;

    private readonly ConcurrentDictionary<string, PreparedExpression> prepared = new(StringComparer.Ordinal);
    private readonly ConcurrentBag<ScriptEngine> idleEngines = [];
    private readonly TimeProvider time;
    private int compilations;

    public JavaScriptEvaluator()
        : this(new JavaScriptLimits(), TimeProvider.System)
    {
    }

    public JavaScriptEvaluator(JavaScriptLimits limits, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(limits);
        Limits = limits.Validate();
        this.time = time;
    }

    public JavaScriptLimits Limits { get; }

    /// <summary>How often a script was parsed; evaluating a prepared script does not count.</summary>
    internal int Compilations => Volatile.Read(ref compilations);

    /// <summary>Prepares (or fetches the prepared) script; throws <see cref="JavaScriptSyntaxException"/>.</summary>
    internal PreparedExpression Compile(string code) =>
        prepared.GetOrAdd(code, source =>
        {
            Interlocked.Increment(ref compilations);
            try
            {
                return new PreparedExpression(JintEngine.PrepareScript(source, strict: false));
            }
            catch (ScriptPreparationException ex)
            {
                throw new JavaScriptSyntaxException(source, ex.InnerException?.Message ?? ex.Message);
            }
            catch (ParseErrorException ex)
            {
                throw new JavaScriptSyntaxException(source, ex.Message);
            }
        });

    /// <summary>Checks that a script parses, without running it.</summary>
    public void Validate(string code) => Compile(code);

    public JavaScriptScope CreateScope() => new(this);

    internal ScriptEngine RentEngine() => idleEngines.TryTake(out var engine) ? engine : new ScriptEngine(Limits, time);

    /// <summary>Pools the engine again only if the burst's scripts left its global object as it was.</summary>
    internal void ReturnEngine(ScriptEngine engine)
    {
        if (idleEngines.Count < MaxPooledEngines && engine.IsFresh)
        {
            idleEngines.Add(engine);
        }
        else
        {
            engine.Dispose();
        }
    }
}
