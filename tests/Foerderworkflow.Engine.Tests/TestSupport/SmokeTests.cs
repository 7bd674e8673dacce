namespace Foerderworkflow.Engine.Tests.TestSupport;

public sealed class SmokeTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task Run_StartToEnd_Finishes()
    {
        var run = await engine.RunAsync(new FlowchartBuilder().Start().End().Chain("start", "end"));
        Assert.Equal(Runtime.WorkflowStatus.Finished, run.Status);
    }
}
