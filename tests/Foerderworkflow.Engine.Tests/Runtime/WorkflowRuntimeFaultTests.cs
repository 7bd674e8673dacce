using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Runtime;

public sealed class WorkflowRuntimeFaultTests : IDisposable
{
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task Start_JavaScriptThrows_FaultsWithAnIncident()
    {
        var run = await engine.RunAsync(Deciding("(function () { throw new Error('Betrag fehlt'); })()"));

        Assert.Equal(WorkflowStatus.Faulted, run.Status);
        var incident = Assert.Single(await engine.IncidentsAsync(run.InstanceId));
        Assert.Equal(("check", "Elsa.FlowDecision"), (incident.ActivityId, incident.ActivityType));
        Assert.Contains("Betrag fehlt", incident.Message, StringComparison.Ordinal);
        Assert.Null(incident.ResolvedAt);
    }

    [Fact]
    public async Task Start_ConditionLoopsForever_FaultsWithAnIncidentInsteadOfHanging()
    {
        var run = await engine.RunAsync(Deciding("while (true) {} true"));

        Assert.Equal(WorkflowStatus.Faulted, run.Status);
        var incident = Assert.Single(await engine.IncidentsAsync(run.InstanceId));
        Assert.Equal(("check", nameof(JavaScriptLimitExceededException)), (incident.ActivityId, incident.ExceptionType));
        Assert.StartsWith("JavaScript stopped: ran more than", incident.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ConditionIsNotABoolean_Faults()
    {
        var run = await engine.RunAsync(Deciding("'vielleicht'"));

        Assert.Equal(WorkflowStatus.Faulted, run.Status);
        var message = Assert.Single(await engine.IncidentsAsync(run.InstanceId)).Message;
        Assert.Contains("'Condition'", message, StringComparison.Ordinal);
        Assert.Contains("Boolean", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("variables.Genehmigt")]
    [InlineData("null")]
    public async Task Start_ConditionIsUndefinedOrNull_FaultsInsteadOfTakingFalse(string condition)
    {
        var run = await engine.RunAsync(Deciding(condition));

        Assert.Equal(WorkflowStatus.Faulted, run.Status);
        Assert.Contains("'Condition'", Assert.Single(run.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Start_ActivityThrows_KeepsTheFailedAndTheRemainingWork()
    {
        var run = await engine.RunAsync(FlakyBesideSetVariable(FlakyActivity.FailNextRuns(1)));

        var instance = await engine.InstanceAsync(run.InstanceId);
        Assert.Equal(["flaky", "mark"], instance.State.PendingWork.Select(w => w.ActivityId));
        Assert.Null(instance.State.Variables["Markiert"]);
    }

    [Fact]
    public async Task RetryAsync_CauseFixed_ContinuesThePendingWorkAndResolvesTheIncident()
    {
        var run = await engine.RunAsync(FlakyBesideSetVariable(FlakyActivity.FailNextRuns(1)));
        engine.Clock.Advance(TimeSpan.FromHours(1));

        var retried = await engine.Runtime.RetryAsync(run.InstanceId);

        Assert.Equal(WorkflowStatus.Finished, retried.Status);
        Assert.Equal("ja", (string?)await engine.VariableAsync(run.InstanceId, "Markiert"));
        Assert.Equal(FakeClock.DefaultStart.AddHours(1), Assert.Single(await engine.IncidentsAsync(run.InstanceId)).ResolvedAt);
        Assert.Empty((await engine.InstanceAsync(run.InstanceId)).State.PendingWork);
    }

    [Fact]
    public async Task RetryAsync_MessagePublishedBeforeTheFault_IsCommittedOnceAndNotSentAgain()
    {
        var flow = new FlowchartBuilder()
            .Start().PublishMessage("notify", "AntragEingegangen").Flaky("flaky", FlakyActivity.FailNextRuns(1)).End()
            .Chain("start", "notify", "flaky", "end");
        var run = await engine.RunAsync(flow);
        Assert.Single(engine.Store.Messages);

        await engine.Runtime.RetryAsync(run.InstanceId);

        Assert.Equal(WorkflowStatus.Finished, (await engine.InstanceAsync(run.InstanceId)).Status);
        Assert.Single(engine.Store.Messages);
    }

    [Fact]
    public async Task RetryAsync_StillFailing_FaultsAgainWithANewIncident()
    {
        var run = await engine.RunAsync(FlakyBesideSetVariable(FlakyActivity.FailNextRuns(2)));

        var retried = await engine.Runtime.RetryAsync(run.InstanceId);

        Assert.Equal(WorkflowStatus.Faulted, retried.Status);
        var incidents = await engine.IncidentsAsync(run.InstanceId);
        Assert.Equal(2, incidents.Count);
        Assert.NotNull(incidents[0].ResolvedAt);
        Assert.Null(incidents[1].ResolvedAt);
    }

    [Fact]
    public async Task RetryAsync_FaultWhileResuming_ResumesAgainWithTheSameInput()
    {
        var flow = new FlowchartBuilder().Variable("Antwort")
            .Start().FlakyResume("wait", FlakyActivity.FailNextRuns(1), resultVariable: "Antwort").End().Chain("start", "wait", "end");
        var run = await engine.RunAsync(flow);
        var faulted = await engine.Runtime.ResumeAsync(Assert.Single(run.NewBookmarks).Id, new() { ["stimmen"] = 5 });
        Assert.Equal(WorkflowStatus.Faulted, faulted.Status);

        var retried = await engine.Runtime.RetryAsync(run.InstanceId);

        Assert.Equal(WorkflowStatus.Finished, retried.Status);
        Assert.Equal(5, (int?)(await engine.VariableAsync(run.InstanceId, "Antwort"))?["stimmen"]);
        Assert.Empty(await engine.BookmarksAsync(run.InstanceId));
    }

    [Fact]
    public async Task RetryAsync_InstanceNotFaulted_Throws()
    {
        var run = await engine.RunAsync(Waiting());

        await Assert.ThrowsAsync<InstanceStateException>(() => engine.Runtime.RetryAsync(run.InstanceId));
    }

    [Fact]
    public async Task Start_FlowchartLoopsWithoutWaiting_FaultsAtTheBurstGuard()
    {
        var flow = new FlowchartBuilder()
            .Start().SetVariable("ping", "Seite", Expr.Literal("ping")).SetVariable("pong", "Seite", Expr.Literal("pong"))
            .Chain("start", "ping", "pong", "ping");

        var run = await engine.RunAsync(flow);

        Assert.Equal(WorkflowStatus.Faulted, run.Status);
        Assert.Contains("loops", Assert.Single(run.Incidents).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CancelAsync_SuspendedInstance_CancelsAndRemovesItsWaits()
    {
        var run = await engine.RunAsync(Waiting());

        var cancelled = await engine.Runtime.CancelAsync(run.InstanceId);

        Assert.Equal(WorkflowStatus.Cancelled, cancelled.Status);
        var instance = await engine.InstanceAsync(run.InstanceId);
        Assert.Equal(FakeClock.DefaultStart, instance.FinishedAt);
        Assert.Empty(await engine.BookmarksAsync(run.InstanceId));
        Assert.Empty(engine.Store.Timers);
    }

    [Fact]
    public async Task CancelAsync_ByAPerson_JournalsTheStoppedStepAsCancelledWithTheActor()
    {
        var run = await engine.RunAsync(Waiting());

        await engine.Runtime.CancelAsync(run.InstanceId, "Erika Muster (admin)");

        var last = (await engine.DetailsAsync(run.InstanceId)).Journal[^1];
        Assert.Equal(("review", JournalEntry.CancelledOutcome, "Erika Muster (admin)"), (last.ActivityId, last.Outcome, last.Actor));
    }

    [Fact]
    public async Task ResumeAsync_BookmarkOfACancelledInstance_ThrowsBookmarkAlreadyConsumed()
    {
        var run = await engine.RunAsync(Waiting());
        var task = Assert.Single(run.NewBookmarks);
        await engine.Runtime.CancelAsync(run.InstanceId);

        await Assert.ThrowsAsync<BookmarkAlreadyConsumedException>(() => engine.Runtime.ResumeAsync(task.Id, new() { ["outcome"] = "Erledigt" }));
    }

    [Fact]
    public async Task CancelAsync_FaultedInstance_CancelsAndResolvesTheIncident()
    {
        var run = await engine.RunAsync(Deciding("undefinedFunction()"));

        await engine.Runtime.CancelAsync(run.InstanceId);

        var instance = await engine.InstanceAsync(run.InstanceId);
        Assert.Equal(WorkflowStatus.Cancelled, instance.Status);
        Assert.Empty(instance.State.PendingWork);
        Assert.NotNull(Assert.Single(await engine.IncidentsAsync(run.InstanceId)).ResolvedAt);
    }

    [Fact]
    public async Task CancelAsync_FinishedInstance_Throws()
    {
        var run = await engine.RunAsync(new FlowchartBuilder().Start().End().Chain("start", "end"));

        await Assert.ThrowsAsync<InstanceStateException>(() => engine.Runtime.CancelAsync(run.InstanceId));
    }

    [Fact]
    public async Task FireTimer_InstanceFaultedMeanwhile_WaitsForTheRetryInsteadOfFailing()
    {
        var run = await engine.RunAsync(Flows.TaskBesideFlaky(FlakyActivity.FailNextRuns(1), FakeClock.DefaultStart.AddDays(3)));
        Assert.Equal(WorkflowStatus.Faulted, run.Status);

        engine.Clock.Advance(TimeSpan.FromDays(3));
        await engine.FireDueTimersAsync();

        Assert.Equal(WorkflowStatus.Faulted, (await engine.InstanceAsync(run.InstanceId)).Status);
        Assert.Single(engine.Store.Timers);

        await engine.Runtime.RetryAsync(run.InstanceId);
        Assert.Equal(1, await engine.FireDueTimersAsync());

        Assert.Equal(WorkflowStatus.Finished, (await engine.InstanceAsync(run.InstanceId)).Status);
        Assert.Contains("overdue", await engine.PathAsync(run.InstanceId));
    }

    private static FlowchartBuilder Deciding(string condition) =>
        new FlowchartBuilder().Start().Decision("check", condition).End().Chain("start", "check").Connect("check", "end", "True");

    private static FlowchartBuilder FlakyBesideSetVariable(string key) =>
        new FlowchartBuilder()
            .Start().Fork("fork", "a", "b").Flaky("flaky", key).SetVariable("mark", "Markiert", Expr.Literal("ja"))
            .Chain("start", "fork").Connect("fork", "flaky", "a").Connect("fork", "mark", "b");

    private static FlowchartBuilder Waiting() =>
        new FlowchartBuilder()
            .Start().HumanTask("review", "office", "Bescheid erstellen", "Erledigt", dueAt: Expr.Literal(FakeClock.DefaultStart.AddDays(3)))
            .Chain("start", "review");
}
