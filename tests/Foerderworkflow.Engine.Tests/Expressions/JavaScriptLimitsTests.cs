using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Expressions;

namespace Foerderworkflow.Engine.Tests.Expressions;

public sealed class JavaScriptLimitsTests
{
    private readonly JavaScriptEvaluator evaluator = new();

    [Theory]
    [InlineData("while (true) {}")]
    [InlineData("for (;;) { variables.Betrag++; }")]
    [InlineData("try { while (true) {} } catch (e) { 'weiter' }")]
    [InlineData("try { (function () { while (true) {} })(); } catch (e) { 'weiter' } finally { 'weiter' }")]
    public void Evaluate_EndlessLoop_StopsWithALimitError(string code)
    {
        var error = Assert.Throws<JavaScriptLimitExceededException>(() => Evaluate(evaluator, code));

        Assert.Equal(JavaScriptLimit.Statements, error.Limit);
        Assert.StartsWith("JavaScript stopped: ran more than 100,000 statements", error.Message, StringComparison.Ordinal);
        Assert.Equal(code, error.Code);
    }

    [Fact]
    public void Evaluate_EndlessLoopUnderAStatementBudgetItNeverReaches_StopsAtTheTimeLimit()
    {
        var clock = new SteppingClock(TimeSpan.FromMilliseconds(500));
        var patient = new JavaScriptEvaluator(new JavaScriptLimits { Timeout = TimeSpan.FromSeconds(5), MaxStatements = int.MaxValue - 1 }, clock);

        var error = Assert.Throws<JavaScriptLimitExceededException>(() => Evaluate(patient, "while (true) {}"));

        Assert.Equal(JavaScriptLimit.Time, error.Limit);
        Assert.Contains("ran longer than 5 s", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var s = 'Antrag'; while (true) { s += s; }")]
    [InlineData("var a = []; while (true) { a.push(new Array(10000).fill(variables.Betrag)); }")]
    [InlineData("new Array(1e9).fill(0)")]
    public void Evaluate_MemoryBomb_StopsWithALimitError(string code)
    {
        var error = Assert.Throws<JavaScriptLimitExceededException>(() => Evaluate(evaluator, code));

        Assert.Equal(JavaScriptLimit.Memory, error.Limit);
    }

    [Fact]
    public void Evaluate_EndlessRecursion_StopsWithALimitError() =>
        Assert.Equal(JavaScriptLimit.Recursion, Assert.Throws<JavaScriptLimitExceededException>(() => Evaluate(evaluator, "function f(n) { return f(n + 1); } f(0)")).Limit);

    [Fact]
    public void Evaluate_AfterAScriptWasStopped_TheSameScopeEvaluatesOn()
    {
        using var scope = evaluator.CreateScope();
        Assert.Throws<JavaScriptLimitExceededException>(() => scope.Evaluate("while (true) {}", Globals()));

        Assert.Equal(3, (int?)scope.Evaluate("variables.Betrag + 2", Globals()));
    }

    [Theory]
    [InlineData("typeof System")]
    [InlineData("typeof importNamespace")]
    [InlineData("typeof clr")]
    [InlineData("typeof require")]
    [InlineData("typeof host")]
    [InlineData("getVariable.constructor('return typeof System')()")]
    public void Evaluate_ClrNames_AreUndefined(string code) =>
        Assert.Equal("undefined", (string?)Evaluate(evaluator, code));

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')", "System is not defined")]
    [InlineData("importNamespace('System.IO').File", "importNamespace is not defined")]
    [InlineData("getVariable.GetType()", "is not a function")]
    public void Evaluate_ClrAccess_FailsAsAScriptError(string code, string reason) =>
        Assert.Contains(reason, Assert.Throws<JavaScriptEvaluationException>(() => Evaluate(evaluator, code)).Message, StringComparison.Ordinal);

    [Fact]
    public void Validate_LimitThatIsNotPositive_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new JavaScriptLimits { MaxStatements = 0 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new JavaScriptLimits { Timeout = TimeSpan.Zero }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new JavaScriptLimits { MaxAllocatedBytes = -1 }.Validate());
        Assert.Throws<ArgumentOutOfRangeException>(() => new JavaScriptEvaluator(new JavaScriptLimits { MaxRecursionDepth = 0 }, TimeProvider.System));
    }

    private static JsonNode? Evaluate(JavaScriptEvaluator evaluator, string code)
    {
        using var scope = evaluator.CreateScope();
        return scope.Evaluate(code, Globals());
    }

    private static ScriptGlobals Globals() => new(new JsonObject { ["Betrag"] = 1 }, null, null, null);

    /// <summary>A clock that moves on by a fixed step each time it is read, so a time limit is reached without waiting.</summary>
    private sealed class SteppingClock(TimeSpan step) : TimeProvider
    {
        private long ticks;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => Interlocked.Add(ref ticks, step.Ticks);
    }
}
