using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Flowcharts;

public sealed class FlowchartCompilerTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public void Validate_UnknownActivityType_NamesTheTypeField() =>
        AssertSingleError(new FlowchartBuilder().Start().Activity("x", "Acme.SendInvoice").Chain("start", "x"), "root.activities[1].type", "Acme.SendInvoice");

    [Fact]
    public void Validate_ConnectionToAMissingActivity_NamesTheTarget() =>
        AssertSingleError(new FlowchartBuilder().Start().Connect("start", "ghost"), "root.connections[0].target", "ghost");

    [Fact]
    public void Validate_ConnectionFromAMissingActivity_NamesTheSource() =>
        AssertSingleError(new FlowchartBuilder().Start().Connect("ghost", "start"), "root.connections[0].source", "ghost");

    [Fact]
    public void Validate_PortTheSourceDoesNotHave_NamesThePort() =>
        AssertSingleError(
            new FlowchartBuilder().Start().Decision("check", "true").End().Connect("check", "end", "Vielleicht").Chain("start", "check"),
            "root.connections[0].source.port",
            "Vielleicht");

    [Fact]
    public void Validate_JavaScriptThatDoesNotParse_NamesTheInput() =>
        AssertSingleError(new FlowchartBuilder().Start().Decision("check", "variables.Amount >").Chain("start", "check"), "root.activities[1].condition", "check");

    [Fact]
    public void Validate_MissingRequiredInput_NamesTheInput() =>
        AssertSingleError(
            new FlowchartBuilder().Start()
                .Activity("review", "Foerderworkflow.HumanTask", ("assigneeRole", Expr.Literal("kuf")), ("possibleOutcomes", Expr.Literal("Erledigt")))
                .Chain("start", "review"),
            "root.activities[1].title",
            "Title");

    [Fact]
    public void Validate_BlankRequiredLiteral_CountsAsMissing() =>
        AssertSingleError(new FlowchartBuilder().Start().Event("wait", "  ").Chain("start", "wait"), "root.activities[1].eventName", "EventName");

    [Fact]
    public void Validate_UnsupportedExpressionSyntax_NamesTheInput() =>
        AssertSingleError(
            new FlowchartBuilder().Start().Activity("check", "Elsa.FlowDecision", ("condition", new JsonObject { ["expression"] = new JsonObject { ["type"] = "Liquid", ["value"] = "{{ true }}" } })),
            "root.activities[1].condition",
            "Liquid");

    [Fact]
    public void Validate_OutputBoundToAnUnknownVariable_NamesTheOutput() =>
        AssertSingleError(
            new FlowchartBuilder().Start().Activity("wait", "Elsa.Event", ("eventName", Expr.Literal("X")), ("result", Expr.OutputTo("var-missing"))).Chain("start", "wait"),
            "root.activities[1].result",
            "Result");

    [Fact]
    public void Validate_DuplicateActivityId_NamesTheSecond() =>
        AssertSingleError(new FlowchartBuilder().Start().End("start"), "root.activities[1].id", "start");

    [Fact]
    public void Validate_RootIsNotAFlowchart_NamesTheRootType()
    {
        var document = new FlowchartBuilder().Start().Build();
        document["root"]!["type"] = "Elsa.Sequence";

        Assert.Equal("root.type", Assert.Single(engine.Compiler.Validate(WorkflowDefinition.FromDocument(document))).Field);
    }

    [Fact]
    public void Validate_SeveralProblems_ListsEveryOne()
    {
        var flow = new FlowchartBuilder()
            .Start().Activity("x", "Acme.Unknown").Decision("check", "1 +").Decision("gate", "true").End()
            .Chain("start", "gate").Connect("gate", "end", "Vielleicht").Connect("gate", "nowhere", "True");

        var fields = Validate(flow).Select(e => e.Field).Order(StringComparer.Ordinal);

        Assert.Equal(["root.activities[1].type", "root.activities[2].condition", "root.connections[1].source.port", "root.connections[2].target"], fields);
    }

    [Fact]
    public void Validate_ValidFlowchart_HasNoErrors() =>
        Assert.Empty(Validate(new FlowchartBuilder().Start().Decision("check", "variables.x > 1").End().Chain("start", "check").Connect("check", "end", "True")));

    [Fact]
    public void Compile_InvalidFlowchart_ThrowsWithTheErrors()
    {
        var definition = WorkflowDefinition.FromDocument(new FlowchartBuilder().Start().Connect("start", "ghost").Build());

        var error = Assert.Throws<InvalidDefinitionException>(() => engine.Compiler.Compile(definition));

        Assert.Equal("root.connections[0].target", Assert.Single(error.Errors).Field);
    }

    [Fact]
    public async Task GetOrCompile_PublishedVersion_IsCompiledOnce()
    {
        var published = await engine.PublishAsync(new FlowchartBuilder().Start());

        Assert.Same(engine.Compiler.GetOrCompile(published), engine.Compiler.GetOrCompile(published));
    }

    private IReadOnlyList<DefinitionError> Validate(FlowchartBuilder flow) =>
        engine.Compiler.Validate(WorkflowDefinition.FromDocument(flow.Build()));

    private void AssertSingleError(FlowchartBuilder flow, string field, string mentioned)
    {
        var error = Assert.Single(Validate(flow));
        Assert.Equal(field, error.Field);
        Assert.Contains(mentioned, error.Message, StringComparison.Ordinal);
    }
}
