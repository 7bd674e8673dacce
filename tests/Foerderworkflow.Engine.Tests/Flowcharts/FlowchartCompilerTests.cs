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
            "Pflichtfeld 'Titel' von 'review' ist leer.");

    [Fact]
    public void Validate_BlankRequiredLiteral_CountsAsMissing() =>
        AssertSingleError(new FlowchartBuilder().Start().Event("wait", "  ").Chain("start", "wait"), "root.activities[1].eventName", "Pflichtfeld 'Ereignis' von 'wait' ist leer.");

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
    public void Validate_SwitchCaseJavaScriptThatDoesNotParse_NamesTheCase() =>
        AssertSingleError(
            new FlowchartBuilder().Start().Switch("size", Engine.Activities.BuiltIn.SwitchMode.MatchFirst, ("Groß", "variables.Amount >")).Chain("start", "size"),
            "root.activities[1].cases[0].condition",
            "Groß");

    [Fact]
    public void Validate_SwitchCaseWithUnsupportedSyntax_NamesTheCase()
    {
        var cases = new JsonArray(new JsonObject { ["label"] = "Groß", ["condition"] = new JsonObject { ["type"] = "Liquid", ["value"] = "{{ true }}" } });

        AssertSingleError(new FlowchartBuilder().Start().Activity("size", "Elsa.FlowSwitch", ("cases", cases)).Chain("start", "size"), "root.activities[1].cases[0].condition", "Liquid");
    }

    [Fact]
    public void Validate_ObjectExpressionWithInvalidJson_NamesTheInput() =>
        AssertSingleError(
            new FlowchartBuilder().Start()
                .Activity("notify", "Foerderworkflow.PublishMessage", ("messageType", Expr.Literal("X")), ("payload", new JsonObject { ["expression"] = new JsonObject { ["type"] = "Object", ["value"] = "{ betrag: " } }))
                .Chain("start", "notify"),
            "root.activities[1].payload",
            "Payload");

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
    public void Validate_RequiredPortLeftOpen_NamesTheActivityAndThePort()
    {
        var flow = new FlowchartBuilder().Start().Activity("gate", GateActivity.Type).End()
            .Chain("start", "gate").Connect("gate", "end", GateActivity.Pass);

        var error = Assert.Single(Validate(flow));

        Assert.Equal("root.activities[1]", error.Field);
        Assert.Equal("Ausgang 'Reject' von 'gate' ist nicht verbunden.", error.Message);
    }

    [Fact]
    public void Validate_NamesTheNodeAsTheDesignerShowsIt_AndTheInputByItsLabel()
    {
        var flow = new FlowchartBuilder().Start()
            .Activity("d1", "Elsa.FlowDecision", ("name", JsonValue.Create("Betrag prüfen 1")), ("condition", Expr.Literal(" ")))
            .Activity("d2", "Elsa.FlowDecision", ("name", JsonValue.Create("Entscheidung 2")), ("metadata", new JsonObject { ["displayText"] = "Großer Betrag?" }), ("condition", Expr.Literal(" ")))
            .End().Chain("start", "d1").Connect("d1", "d2", "True").Connect("d1", "end", "False").Connect("d2", "end", "True");

        Assert.Equal(
            ["Pflichtfeld 'Bedingung' von 'Betrag prüfen 1' ist leer.", "Pflichtfeld 'Bedingung' von 'Großer Betrag?' ist leer."],
            Validate(flow).Select(e => e.Message));
    }

    [Fact]
    public void Validate_EveryRequiredPortConnected_LetsOptionalPortsStayOpen() =>
        Assert.Empty(Validate(new FlowchartBuilder().Start().Activity("gate", GateActivity.Type).End().Finish()
            .Chain("start", "gate").Connect("gate", "end", GateActivity.Pass).Connect("gate", "finish", GateActivity.Reject)));

    [Fact]
    public void Validate_RequiredPortsLeftOpen_AreEachNamed_AlongsideOtherErrors()
    {
        var flow = new FlowchartBuilder().Start().Activity("gate", GateActivity.Type).Activity("x", "Acme.Unknown")
            .Chain("start", "gate").Connect("gate", "x", "Passed");

        var errors = Validate(flow).Select(e => (e.Field, e.Message)).ToList();

        Assert.Contains(("root.activities[1]", "Ausgang 'Pass' von 'gate' ist nicht verbunden."), errors);
        Assert.Contains(("root.activities[1]", "Ausgang 'Reject' von 'gate' ist nicht verbunden."), errors);
        Assert.Contains(errors, e => e.Field == "root.connections[1].source.port");
    }

    [Fact]
    public void Validate_ActivityNoConnectionLeadsTo_IsAllowed_ItNeverRuns() =>
        Assert.Empty(Validate(new FlowchartBuilder().Start().Decision("check", "true").End().Chain("start", "end").Connect("check", "end", "True")));

    [Fact]
    public void Compile_OpenRequiredPort_StillRuns_ItIsCheckedOnPublishOnly()
    {
        var definition = WorkflowDefinition.FromDocument(
            new FlowchartBuilder().Start().Activity("gate", GateActivity.Type).End().Chain("start", "gate").Build());

        var flowchart = engine.Compiler.Compile(definition);

        Assert.Equal(["start"], flowchart.StartActivityIds);
    }

    [Fact]
    public async Task Publish_RequiredPortLeftOpen_IsRefusedNamingIt()
    {
        var refused = await Assert.ThrowsAsync<InvalidDefinitionException>(
            () => engine.PublishAsync(new FlowchartBuilder().Start().Activity("gate", GateActivity.Type).End()
                .Chain("start", "gate").Connect("gate", "end", GateActivity.Reject)));

        Assert.Equal(("root.activities[1]", "Ausgang 'Pass' von 'gate' ist nicht verbunden."), (Assert.Single(refused.Errors).Field, refused.Errors[0].Message));
    }

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
