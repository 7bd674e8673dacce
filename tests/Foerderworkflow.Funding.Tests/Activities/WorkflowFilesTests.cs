using System.Text.Json.Nodes;
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

    [Theory]
    [MemberData(nameof(Files))]
    public void Workflow_PlacesEveryActivityForTheDesigner_AndUsesEveryFundingStep(string file)
    {
        var root = JsonNode.Parse(File.ReadAllText(FundingEngine.WorkflowFile(file)))!["root"]!;
        var activities = root["activities"]!.AsArray().Select(a => a!.AsObject()).ToList();

        foreach (var activity in activities)
        {
            var position = activity["metadata"]?["designer"]?["position"];
            Assert.True(position?["x"] is not null && position["y"] is not null, $"{file}: '{activity["id"]}' has no designer position.");
        }

        Assert.Equal(activities.Count, activities.Select(a => a["metadata"]!["designer"]!["position"]!.ToJsonString()).Distinct(StringComparer.Ordinal).Count());
        var used = activities.Select(a => a["type"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        var steps = FundingEngine.Registry().Types.Select(t => t.TypeName).Where(t => t.StartsWith("Foerderworkflow.Funding.", StringComparison.Ordinal));
        var optional = file == "kleinprojekte.json" ? new[] { "Foerderworkflow.Funding.RouteApplication", "Foerderworkflow.Funding.CommitteeVote" } : [];
        Assert.Empty(steps.Except(used).Except(optional));
    }
}
