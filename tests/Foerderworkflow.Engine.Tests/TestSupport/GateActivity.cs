using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>
/// A test-only decision with two required ports and one optional one, for the publish check of unconnected ports.
/// </summary>
[Activity(Type, "Tests", "Gate", "Passes or rejects; the optional port may stay open.",
    Outcomes = [Pass, Reject, Skip], RequiredOutcomes = [Pass, Reject])]
public sealed class GateActivity : Activity
{
    public const string Type = "Tests.Gate";
    public const string Pass = "Pass";
    public const string Reject = "Reject";
    public const string Skip = "Skip";

    public override ActivityResult Execute(ActivityContext context) => ActivityResult.Outcome(Pass);
}
