using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Activities;

namespace Foerderworkflow.Funding.Tests.Activities;

/// <summary>
/// A funding case must never end silently because a step chose an outcome that leads nowhere: every step that waits
/// for a decision or a date marks all its outcomes as required ports, so publishing refuses a flowchart that leaves one open.
/// </summary>
public sealed class FundingStepPortsTests
{
    public static TheoryData<string> FundingSteps() =>
        [.. typeof(FundingTaskActivity).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && t.IsSubclassOf(typeof(FundingTaskActivity)))
            .Select(t => t.FullName!)];

    [Theory]
    [MemberData(nameof(FundingSteps))]
    public void EveryOutcomeOfAFundingStep_IsARequiredPort(string clrTypeName)
    {
        var type = ActivityType.Describe(typeof(FundingTaskActivity).Assembly.GetType(clrTypeName, throwOnError: true)!);

        Assert.NotEmpty(type.StaticOutcomes);
        Assert.Equal(type.StaticOutcomes, type.RequiredOutcomes);
    }
}
