using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;

namespace Foerderworkflow.Funding.Tests.Activities;

public sealed class WorkflowFilesTests
{
    public static TheoryData<string> Files() => [.. FileNames()];

    [Fact]
    public void TheThreeShippedWorkflowsExist() =>
        Assert.Equal(["aktions-und-initiativfonds.json", "jugendfonds.json", "kleinprojekte.json"], FileNames());

    private static List<string> FileNames() =>
        [.. Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "workflows"), "*.json").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Files))]
    public void Workflow_CompilesWithTheFullRegistry_AndPassesValidation(string file)
    {
        var compiler = new FlowchartCompiler(FundingEngine.Registry(), new JavaScriptEvaluator());
        var definition = WorkflowDefinition.Parse(File.ReadAllText(FundingEngine.WorkflowFile(file)));

        Assert.Empty(compiler.Validate(definition));
        Assert.NotNull(compiler.Compile(definition));
    }
}
