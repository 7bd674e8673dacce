using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Activities.BuiltIn;

public sealed class EventActivityTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task TriggerEvent_WithCorrelationId_ResumesOnlyThatInstance()
    {
        var definition = await engine.PublishAsync(WaitingFor("Zahlung eingegangen"));
        var first = await engine.Runtime.StartAsync(definition.DefinitionId, correlationId: "antrag-1");
        var second = await engine.Runtime.StartAsync(definition.DefinitionId, correlationId: "antrag-2");

        var resumed = await engine.Runtime.TriggerEventAsync("Zahlung eingegangen", "antrag-1", new JsonObject { ["betrag"] = 250 });

        Assert.Equal(first.InstanceId, Assert.Single(resumed).InstanceId);
        Assert.Equal(WorkflowStatus.Finished, (await engine.InstanceAsync(first.InstanceId)).Status);
        Assert.Equal(WorkflowStatus.Suspended, (await engine.InstanceAsync(second.InstanceId)).Status);
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["betrag"] = 250 }, await engine.VariableAsync(first.InstanceId, "Zahlung")));
    }

    [Fact]
    public async Task TriggerEvent_WithoutCorrelationId_ResumesUncorrelatedInstances()
    {
        var run = await engine.RunAsync(WaitingFor("Stichtag"));

        var resumed = await engine.Runtime.TriggerEventAsync("Stichtag", correlationId: null);

        Assert.Equal(run.InstanceId, Assert.Single(resumed).InstanceId);
        Assert.Equal(WorkflowStatus.Finished, resumed[0].Status);
    }

    [Fact]
    public async Task TriggerEvent_CorrelationIdOfAnotherInstanceOrOtherName_ResumesNothing()
    {
        var run = await engine.RunAsync(WaitingFor("Zahlung eingegangen"), correlationId: "antrag-1");

        Assert.Empty(await engine.Runtime.TriggerEventAsync("Zahlung eingegangen", "antrag-9"));
        Assert.Empty(await engine.Runtime.TriggerEventAsync("Zahlung eingegangen", correlationId: null));
        Assert.Empty(await engine.Runtime.TriggerEventAsync("Mahnung", "antrag-1"));
        Assert.Equal(WorkflowStatus.Suspended, (await engine.InstanceAsync(run.InstanceId)).Status);
    }

    [Fact]
    public async Task TriggerEvent_ExplicitCorrelationInput_OverridesTheInstanceCorrelationId()
    {
        var flow = new FlowchartBuilder().Start().Event("wait", "Fonds geschlossen", correlationId: Expr.Literal("fonds-2025")).End().Chain("start", "wait", "end");
        var run = await engine.RunAsync(flow, correlationId: "antrag-1");

        var resumed = await engine.Runtime.TriggerEventAsync("Fonds geschlossen", "fonds-2025");

        Assert.Equal(run.InstanceId, Assert.Single(resumed).InstanceId);
    }

    [Fact]
    public async Task TriggerEvent_Twice_ResumesOnlyOnce()
    {
        var run = await engine.RunAsync(WaitingFor("Stichtag"));
        await engine.Runtime.TriggerEventAsync("Stichtag", correlationId: null);

        Assert.Empty(await engine.Runtime.TriggerEventAsync("Stichtag", correlationId: null));
        Assert.Equal(["start", "wait", "wait", "end"], await engine.PathAsync(run.InstanceId));
    }

    private static FlowchartBuilder WaitingFor(string eventName) =>
        new FlowchartBuilder().Variable("Zahlung").Start().Event("wait", eventName, resultVariable: "Zahlung").End().Chain("start", "wait", "end");
}
