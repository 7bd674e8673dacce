using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Runtime;

public sealed class DefinitionVersionRuntimeTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task ResumeAsync_InstanceStartedBeforeANewVersionWasPublished_KeepsRunningOnItsVersion()
    {
        await engine.PublishAsync(Version("1"));
        var old = await engine.Runtime.StartAsync("antrag");
        await engine.PublishAsync(Version("2"));
        var current = await engine.Runtime.StartAsync("antrag");

        await engine.CompleteTaskAsync(old.InstanceId, "review", "Erledigt");
        await engine.CompleteTaskAsync(current.InstanceId, "review", "Erledigt");

        Assert.Equal(1, (await engine.InstanceAsync(old.InstanceId)).DefinitionVersion);
        Assert.Equal("1", (string?)await engine.VariableAsync(old.InstanceId, "Fassung"));
        Assert.Equal(2, (await engine.InstanceAsync(current.InstanceId)).DefinitionVersion);
        Assert.Equal("2", (string?)await engine.VariableAsync(current.InstanceId, "Fassung"));
    }

    private static FlowchartBuilder Version(string mark) =>
        new FlowchartBuilder("antrag")
            .Start().HumanTask("review", "kuf", "Antrag prüfen", "Erledigt").SetVariable("mark", "Fassung", Expr.Literal(mark))
            .Chain("start", "review").Connect("review", "mark", "Erledigt");
}
