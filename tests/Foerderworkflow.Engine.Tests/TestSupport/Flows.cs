namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>Flowcharts several test classes need.</summary>
public static class Flows
{
    /// <summary>Start → delay → end.</summary>
    public static FlowchartBuilder Delayed(TimeSpan delay) =>
        new FlowchartBuilder().Start().Delay("wait", delay).End().Chain("start", "wait", "end");

    /// <summary>
    /// A fork into a human task "review" due at <paramref name="due"/> (overdue → "overdue") and a flaky activity
    /// with <paramref name="flakyKey"/>: with failures left, the instance faults while the task and its timer wait.
    /// </summary>
    public static FlowchartBuilder TaskBesideFlaky(string flakyKey, DateTimeOffset due) =>
        new FlowchartBuilder()
            .Start().Fork("fork", "task", "other")
            .HumanTask("review", "office", "Bescheid erstellen", "Erledigt", dueAt: Expr.Literal(due))
            .Flaky("flaky", flakyKey).End("overdue")
            .Chain("start", "fork").Connect("fork", "review", "task").Connect("fork", "flaky", "other").Connect("review", "overdue", "Overdue");
}
