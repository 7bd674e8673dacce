using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Expressions;

namespace Foerderworkflow.Engine.Tests.Expressions;

public sealed class JavaScriptEvaluatorTests
{
    private readonly JavaScriptEvaluator evaluator = new();

    [Fact]
    public void Compile_SameCodeTwice_ReturnsTheSameCompiledScript() =>
        Assert.Same(evaluator.Compile("variables.Betrag > 500"), evaluator.Compile("variables.Betrag > 500"));

    [Fact]
    public void Evaluate_RepeatedlyInManyScopes_CompilesTheScriptOnlyOnce()
    {
        const string Code = "variables.Betrag > 500";
        evaluator.Validate(Code);

        for (var i = 0; i < 20; i++)
        {
            using var scope = evaluator.CreateScope();
            scope.Evaluate(Code, Globals(new JsonObject { ["Betrag"] = i * 100 }));
        }

        Assert.Equal(1, evaluator.Compilations);
    }

    [Fact]
    public void Evaluate_SameScriptInTwoScopes_SeesEachScopesOwnVariables()
    {
        const string Code = "variables.Betrag * 2";

        var first = evaluator.CreateScope().Evaluate(Code, Globals(new JsonObject { ["Betrag"] = 2 }));
        var second = evaluator.CreateScope().Evaluate(Code, Globals(new JsonObject { ["Betrag"] = 5 }));

        Assert.Equal(("4", "10"), (first?.ToJsonString(), second?.ToJsonString()));
    }

    [Fact]
    public void Evaluate_Globals_AreVisibleToTheScript()
    {
        var globals = new ScriptGlobals(new JsonObject { ["Name"] = "Verein" }, new JsonObject { ["betrag"] = 3 }, JsonValue.Create("zuletzt"), "antrag-1");

        var result = evaluator.CreateScope().Evaluate("[getVariable('Name'), input.betrag, lastResult, correlationId].join('|')", globals);

        Assert.Equal("Verein|3|zuletzt|antrag-1", (string?)result);
    }

    [Theory]
    [InlineData("1 + 2", "3")]
    [InlineData("2.5 * 2", "5")]
    [InlineData("1 / 4", "0.25")]
    [InlineData("'a' + 'b'", "\"ab\"")]
    [InlineData("true && false", "false")]
    [InlineData("undefined", "null")]
    [InlineData("null", "null")]
    [InlineData("1 / 0", "null")]
    [InlineData("(function () {})", "null")]
    [InlineData("({ a: [1, 'x'], b: { c: null } })", """{"a":[1,"x"],"b":{"c":null}}""")]
    public void Evaluate_Result_BecomesJson(string code, string json)
    {
        var result = evaluator.CreateScope().Evaluate(code, Globals([]));

        Assert.Equal(json, result?.ToJsonString() ?? "null");
    }

    [Fact]
    public void Validate_CodeThatDoesNotParse_ThrowsSyntaxException() =>
        Assert.Equal("variables.x >", Assert.Throws<JavaScriptSyntaxException>(() => evaluator.Validate("variables.x >")).Code);

    [Fact]
    public void Evaluate_ScriptThatThrows_ThrowsEvaluationException() =>
        Assert.Contains("kaputt", Assert.Throws<JavaScriptEvaluationException>(() => evaluator.CreateScope().Evaluate("(function () { throw new Error('kaputt'); })()", Globals([]))).Message, StringComparison.Ordinal);

    [Fact]
    public void Evaluate_ScriptChangesVariables_DoesNotChangeTheInstanceVariables()
    {
        var variables = new JsonObject { ["Betrag"] = 1 };

        evaluator.CreateScope().Evaluate("variables.Betrag = 99", Globals(variables));

        Assert.Equal(1, (int?)variables["Betrag"]);
    }

    [Fact]
    public void Evaluate_GlobalDeclaredByAnEarlierBurst_IsInvisibleToTheNextBurst()
    {
        using (var first = evaluator.CreateScope())
        {
            first.Evaluate("var iban = variables.Iban; geheim = iban; true", Globals(new JsonObject { ["Iban"] = "DE02120300000000202051" }));
        }

        using var second = evaluator.CreateScope();

        Assert.Equal("undefined|undefined", (string?)second.Evaluate("typeof iban + '|' + typeof geheim", Globals([])));
    }

    [Fact]
    public void Evaluate_PreludeOverwrittenByAnEarlierBurst_IsIntactInTheNextBurst()
    {
        using (var first = evaluator.CreateScope())
        {
            first.Evaluate("getVariable = function () { return 'falsch'; }; true", Globals([]));
        }

        using var second = evaluator.CreateScope();

        Assert.Equal("richtig", (string?)second.Evaluate("getVariable('Wert')", Globals(new JsonObject { ["Wert"] = "richtig" })));
    }

    [Fact]
    public void Evaluate_ElsaFunctions_ReadTheInstance()
    {
        var globals = new ScriptGlobals(new JsonObject { ["Name"] = "Verein" }, new JsonObject { ["betrag"] = 3 }, new JsonObject { ["ok"] = true }, "antrag-1");

        var result = evaluator.CreateScope().Evaluate("[getVariable('Name'), getInput('betrag'), getLastResult().ok, getCorrelationId(), variables.Name].join('|')", globals);

        Assert.Equal("Verein|3|true|antrag-1|Verein", (string?)result);
    }

    [Fact]
    public void Evaluate_SetVariable_WritesToTheInstanceAndIsSeenByTheScript()
    {
        var variables = new JsonObject { ["Betrag"] = 1 };

        var result = evaluator.CreateScope().Evaluate("variables.Betrag; setVariable('Betrag', { netto: getVariable('Betrag') + 1 }); [variables.Betrag.netto, getVariable('Betrag').netto].join('|')", Globals(variables));

        Assert.Equal(("2|2", """{"netto":2}"""), ((string?)result, variables["Betrag"]?.ToJsonString()));
    }

    [Fact]
    public void Evaluate_LexicalDeclarationTwiceInOneBurst_DoesNotClashWithItself()
    {
        using var scope = evaluator.CreateScope();

        var first = scope.Evaluate("let doppelt = variables.Betrag * 2; doppelt", Globals(new JsonObject { ["Betrag"] = 2 }));
        var second = scope.Evaluate("let doppelt = variables.Betrag * 2; doppelt", Globals(new JsonObject { ["Betrag"] = 5 }));

        Assert.Equal(("4", "10"), (first?.ToJsonString(), second?.ToJsonString()));
    }

    [Fact]
    public void Evaluate_GlobalsReplacedByAScript_StayTheInstancesState()
    {
        using var scope = evaluator.CreateScope();

        var result = scope.Evaluate("variables = 5; setVariable = null; typeof variables + '|' + typeof setVariable", Globals([]));

        Assert.Equal("object|function", (string?)result);
    }

    [Theory]
    [InlineData("new Date(Date.UTC(2026, 11, 8, 9, 30))", "\"2026-12-08T09:30:00.000Z\"")]
    [InlineData("({ toJSON: function () { return 'eigen'; } })", "\"eigen\"")]
    [InlineData("[undefined, function () {}, NaN]", "[null,null,null]")]
    [InlineData("input", """{"liste":[1,2.5,"drei",true,null,{}]}""")]
    public void Evaluate_ObjectResult_BecomesJsonAsJsonStringifyWritesIt(string code, string json)
    {
        var globals = new ScriptGlobals([], JsonNode.Parse("""{"liste":[1,2.5,"drei",true,null,{}]}"""), null, null);

        Assert.Equal(json, evaluator.CreateScope().Evaluate(code, globals)?.ToJsonString());
    }

    private static ScriptGlobals Globals(JsonObject variables) => new(variables, null, null, null);
}
