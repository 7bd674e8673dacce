namespace Foerderworkflow.Engine.Activities;

/// <summary>How an activity ended its turn.</summary>
public abstract record ActivityResult
{
    public static ActivityResult Done { get; } = new Completed([Activity.DoneOutcome]);

    public static ActivityResult Outcome(params string[] outcomes) => new Completed(outcomes);

    public static ActivityResult Suspend(BookmarkRequest bookmark) => new Suspended([bookmark]);

    /// <summary>
    /// Nothing to follow yet and nothing new to wait on: a join still waiting for other branches, or an activity
    /// resumed by one of several bookmarks (a reminder timer) that keeps waiting on the others.
    /// </summary>
    public static ActivityResult Pending { get; } = new Waiting();

    /// <summary>Ends the whole instance, cancelling whatever else it waits on.</summary>
    public static ActivityResult FinishWorkflow { get; } = new Finished();

    public sealed record Completed(IReadOnlyList<string> Outcomes) : ActivityResult;

    public sealed record Suspended(IReadOnlyList<BookmarkRequest> Bookmarks) : ActivityResult;

    public sealed record Waiting : ActivityResult;

    public sealed record Finished : ActivityResult;
}
