using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Activities.BuiltIn;

public sealed class DecisionActivityTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Theory]
    [InlineData("600", "high")]
    [InlineData("500", "low")]
    public async Task Execute_ConditionOverVariable_FollowsTrueOrFalse(string amount, string expected)
    {
        var flow = Branching("variables.Amount > 500").Variable("Amount", "Int32", amount);

        var run = await engine.RunAsync(flow);

        Assert.Equal(["start", "check", expected], await engine.PathAsync(run.InstanceId));
    }

    [Theory]
    [InlineData(12_000, "high")]
    [InlineData(800, "low")]
    public async Task Execute_ConditionOverInput_FollowsTrueOrFalse(int amount, string expected)
    {
        var run = await engine.RunAsync(Branching("input.betrag >= 10000"), new JsonObject { ["betrag"] = amount });

        Assert.Equal(["start", "check", expected], await engine.PathAsync(run.InstanceId));
    }

    private static FlowchartBuilder Branching(string condition) =>
        new FlowchartBuilder()
            .Start().Decision("check", condition).End("high").End("low")
            .Chain("start", "check").Connect("check", "high", "True").Connect("check", "low", "False");
}
