using Foerderworkflow.Engine.Activities.BuiltIn;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Activities.BuiltIn;

public sealed class SwitchActivityTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task Execute_MatchFirst_FollowsOnlyTheFirstMatchingCase()
    {
        var run = await engine.RunAsync(Switch(SwitchMode.MatchFirst, amount: 2000));

        Assert.Equal(["start", "size", "large"], await engine.PathAsync(run.InstanceId));
    }

    [Fact]
    public async Task Execute_MatchAny_FollowsEveryMatchingCase()
    {
        var run = await engine.RunAsync(Switch(SwitchMode.MatchAny, amount: 2000));

        Assert.Equal(["start", "size", "large", "medium"], await engine.PathAsync(run.InstanceId));
    }

    [Theory]
    [InlineData(SwitchMode.MatchFirst)]
    [InlineData(SwitchMode.MatchAny)]
    public async Task Execute_NoCaseMatches_FollowsDefault(SwitchMode mode)
    {
        var run = await engine.RunAsync(Switch(mode, amount: 100));

        Assert.Equal(["start", "size", "other"], await engine.PathAsync(run.InstanceId));
    }

    private static FlowchartBuilder Switch(SwitchMode mode, int amount) =>
        new FlowchartBuilder()
            .Variable("Amount", "Int32", amount.ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Start()
            .Switch("size", mode, ("Groß", "variables.Amount > 1000"), ("Mittel", "variables.Amount > 500"))
            .End("large").End("medium").End("other")
            .Chain("start", "size")
            .Connect("size", "large", "Groß").Connect("size", "medium", "Mittel").Connect("size", "other", "Default");
}
