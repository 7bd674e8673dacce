using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Activities.BuiltIn;

public sealed class SetVariableActivityTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task Execute_Literal_SetsTheVariableToTheText()
    {
        var run = await engine.RunAsync(Setting(Expr.Literal("geprüft")));

        Assert.Equal("geprüft", (string?)await engine.VariableAsync(run.InstanceId, "Status"));
    }

    [Fact]
    public async Task Execute_JavaScript_SetsTheVariableToTheResult()
    {
        var flow = Setting(Expr.JavaScript("({ betrag: variables.Amount * 2, antrag: input.antrag })")).Variable("Amount", "Int32", "600");

        var run = await engine.RunAsync(flow, new JsonObject { ["antrag"] = "A-17" });

        var expected = new JsonObject { ["betrag"] = 1200, ["antrag"] = "A-17" };
        Assert.True(JsonNode.DeepEquals(expected, await engine.VariableAsync(run.InstanceId, "Status")));
    }

    [Fact]
    public async Task Execute_JavaScriptReadingAnEarlierSetVariable_SeesTheNewValue()
    {
        var flow = new FlowchartBuilder()
            .Start()
            .SetVariable("first", "Zahl", Expr.JavaScript("20"))
            .SetVariable("second", "Zahl", Expr.JavaScript("getVariable('Zahl') + 1"))
            .Chain("start", "first", "second");

        var run = await engine.RunAsync(flow);

        Assert.Equal(21, (int?)await engine.VariableAsync(run.InstanceId, "Zahl"));
    }

    private static FlowchartBuilder Setting(JsonObject value) =>
        new FlowchartBuilder().Start().SetVariable("set", "Status", value).End().Chain("start", "set", "end");
}
