using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Activities;

public sealed class ActivityTypeTests
{
    private readonly ActivityRegistry registry = ActivityRegistry.WithBuiltIns();

    [Theory]
    [InlineData("Elsa.FlowFork", true)]
    [InlineData("Foerderworkflow.HumanTask", true)]
    [InlineData("Elsa.FlowSwitch", true)]
    [InlineData("Elsa.FlowDecision", false)]
    [InlineData("Elsa.Start", false)]
    public void HasDynamicOutcomes_IsTrueExactlyForActivitiesThatComputeTheirPorts(string typeName, bool expected)
    {
        Assert.True(registry.TryGet(typeName, out var type));
        Assert.Equal(expected, type.HasDynamicOutcomes);
    }

    [Fact]
    public void StaticOutcomes_AreTheAttributePorts()
    {
        Assert.True(registry.TryGet("Elsa.FlowDecision", out var decision));
        Assert.True(registry.TryGet("Elsa.End", out var end));

        Assert.Equal(["True", "False"], decision.StaticOutcomes);
        Assert.Empty(end.StaticOutcomes);
    }

    [Fact]
    public void HumanTask_PossibleOutcomes_IsTheDynamicOutcomesInput_WithOverdueAsFixedPort()
    {
        Assert.True(registry.TryGet("Foerderworkflow.HumanTask", out var task));

        var input = task.Inputs.Single(i => i.Attribute.UIHint == "dynamic-outcomes");

        Assert.Equal("PossibleOutcomes", input.Name);
        Assert.Equal(["Overdue"], input.Attribute.FixedOutcomes!);
    }

    [Fact]
    public void RequiredOutcomes_AreTheMarkedPorts_AndDefaultToNone()
    {
        Assert.True(registry.TryGet("Elsa.FlowDecision", out var decision));

        Assert.Equal([GateActivity.Pass, GateActivity.Reject], ActivityType.Describe(typeof(GateActivity)).RequiredOutcomes);
        Assert.Empty(decision.RequiredOutcomes);
    }

    [Fact]
    public void Describe_RequiredPortTheActivityDoesNotDeclare_IsRefused()
    {
        var refused = Assert.Throws<InvalidOperationException>(() => ActivityType.Describe(typeof(MisdeclaredActivity)));

        Assert.Contains("Approved", refused.Message, StringComparison.Ordinal);
    }

    [Activity("Tests.Misdeclared", "Tests", "Misdeclared", "Marks a port it does not have.", Outcomes = ["Approve"], RequiredOutcomes = ["Approved"])]
    private sealed class MisdeclaredActivity : Activity
    {
        public override ActivityResult Execute(ActivityContext context) => ActivityResult.Done;
    }
}
