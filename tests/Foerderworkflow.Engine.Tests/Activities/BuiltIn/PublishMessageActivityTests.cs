using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Activities.BuiltIn;

public sealed class PublishMessageActivityTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task Execute_JavaScriptPayload_CommitsTheMessageWithTheInstanceCorrelationId()
    {
        var flow = new FlowchartBuilder()
            .Variable("Betrag", "Int32", "4500")
            .Start()
            .PublishMessage("notify", "AntragEingegangen", Expr.JavaScript("({ antrag: correlationId, betrag: variables.Betrag })"))
            .End()
            .Chain("start", "notify", "end");

        var run = await engine.RunAsync(flow, correlationId: "antrag-7");

        var message = Assert.Single(engine.Store.Messages);
        Assert.Equal(("AntragEingegangen", run.InstanceId, "antrag-7"), (message.MessageType, message.InstanceId, message.CorrelationId));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["antrag"] = "antrag-7", ["betrag"] = 4500 }, message.Payload));
        Assert.Equal(1, engine.Outbox.Signals);
        Assert.Single(await engine.Store.FetchPendingMessagesAsync(10));
    }

    [Fact]
    public async Task Execute_WithoutPayload_CommitsAnEmptyObject()
    {
        await engine.RunAsync(new FlowchartBuilder().Start().PublishMessage("notify", "Erinnerung").Chain("start", "notify"));

        Assert.Empty(Assert.Single(engine.Store.Messages).Payload);
    }

    [Fact]
    public async Task Execute_LaterActivityOfTheBurstWaits_MessageIsCommittedWithThatBurst()
    {
        var flow = new FlowchartBuilder()
            .Start().PublishMessage("notify", "AufgabeErstellt").HumanTask("review", "kuf", "Antrag prüfen", "Erledigt")
            .Chain("start", "notify", "review");

        await engine.RunAsync(flow);

        Assert.Equal(1, engine.Store.CommitCount);
        Assert.Single(engine.Store.Messages);
    }
}
