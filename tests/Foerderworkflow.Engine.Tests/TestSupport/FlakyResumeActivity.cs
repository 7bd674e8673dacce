using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>
/// A test-only wait whose resume fails while its key has failures left (<see cref="FlakyActivity.FailNextRuns"/>);
/// once it succeeds, its Result is the input it was resumed with.
/// </summary>
[Activity(Type, "Tests", "Flaky resume", "Waits; resuming fails a configured number of times.")]
public sealed class FlakyResumeActivity : Activity
{
    public const string Type = "Tests.FlakyResume";

    [Input(Required = true)]
    public Input<string> Key { get; set; } = null!;

    [Output]
    public Output Result { get; set; } = null!;

    public override ActivityResult Execute(ActivityContext context) =>
        ActivityResult.Suspend(new BookmarkRequest(Type, new JsonObject { ["key"] = context.Get(Key) }));

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        FlakyActivity.ThrowWhileFailing(context.Get(Key)!, Id);
        context.SetOutput(Result, resumption.Input);
        return ActivityResult.Done;
    }
}
