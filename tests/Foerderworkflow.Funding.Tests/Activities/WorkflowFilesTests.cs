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

    /// <summary>
    /// Studio draws a node at least as large as its stored size (220 × 60 when none is stored; longer titles widen it)
    /// and writes the outcome labels to the right of it: each node keeps that much room free of every other node, and
    /// the whole flowchart stays compact enough to be seen at once.
    /// </summary>
    [Theory]
    [MemberData(nameof(Files))]
    public void Workflow_NodesDoNotOverlap_LeaveRoomForOutcomeLabels_AndFormACompactFlowchart(string file)
    {
        const double labelRoom = 100, rowRoom = 40;
        var boxes = JsonNode.Parse(File.ReadAllText(FundingEngine.WorkflowFile(file)))!["root"]!["activities"]!.AsArray().Select(a =>
        {
            var designer = a!["metadata"]!["designer"]!;
            var (x, y) = (designer["position"]!["x"]!.GetValue<double>(), designer["position"]!["y"]!.GetValue<double>());
            var (width, height) = (designer["size"]?["width"]?.GetValue<double>() ?? 220, designer["size"]?["height"]?.GetValue<double>() ?? 60);
            return (Id: a["id"]!.GetValue<string>(), Left: x, Top: y, Right: x + width + labelRoom, Bottom: y + height + rowRoom);
        }).ToList();

        foreach (var a in boxes)
        {
            foreach (var b in boxes.Where(b => string.CompareOrdinal(a.Id, b.Id) < 0))
            {
                Assert.False(a.Left < b.Right && b.Left < a.Right && a.Top < b.Bottom && b.Top < a.Bottom, $"{file}: '{a.Id}' and '{b.Id}' overlap (with room for labels).");
            }
        }

        // Studio's designer canvas is about 1350 × 600 on a 1600 × 1000 window: the whole flowchart fits at 40 % or more.
        var (extentX, extentY) = (boxes.Max(b => b.Right) - boxes.Min(b => b.Left), boxes.Max(b => b.Bottom) - boxes.Min(b => b.Top));
        Assert.True(Math.Min(1350 / extentX, 600 / extentY) >= 0.4, $"{file}: {extentX} × {extentY} does not fit the canvas at 40 %.");
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
