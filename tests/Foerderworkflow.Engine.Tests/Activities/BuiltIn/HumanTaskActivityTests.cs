using System.Globalization;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Activities.BuiltIn;

public sealed class HumanTaskActivityTests : IDisposable
{
    private static readonly DateTimeOffset Due = FakeClock.DefaultStart.AddDays(14);
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public async Task Execute_WithDueDate_BookmarkCarriesRoleTitleOutcomesAndDueDate()
    {
        var run = await engine.RunAsync(Review());

        var task = await engine.BookmarkAsync(run.InstanceId, "review");
        var expected = new JsonObject
        {
            ["assigneeRole"] = "kuf",
            ["title"] = "Antrag prüfen",
            ["outcomes"] = new JsonArray("Genehmigt", "Abgelehnt"),
            ["data"] = new JsonObject { ["antrag"] = "A-17" },
            ["dueAt"] = Due,
        };
        Assert.True(JsonNode.DeepEquals(expected, task.Payload), task.Payload.ToJsonString());
        Assert.Equal(WorkflowStatus.Suspended, run.Status);
    }

    [Fact]
    public async Task Execute_WithDueDate_CommitsATimerForTheBookmark()
    {
        var run = await engine.RunAsync(Review());

        var task = await engine.BookmarkAsync(run.InstanceId, "review");
        var timer = Assert.Single(engine.Store.Timers);
        Assert.Equal((task.Id, Due), (timer.BookmarkId, timer.DueAt));
        Assert.Equal(timer, Assert.Single(engine.Timers.Committed));
    }

    [Fact]
    public async Task Execute_WithoutDueDate_HasNoTimerAndNoOverduePort()
    {
        var run = await engine.RunAsync(new FlowchartBuilder().Start().HumanTask("review", "office", "Bescheid erstellen", "Erledigt").Chain("start", "review"));

        Assert.Null((await engine.BookmarkAsync(run.InstanceId, "review")).Payload["dueAt"]);
        Assert.Empty(engine.Store.Timers);
    }

    [Fact]
    public async Task Resume_AllowedOutcome_FollowsThatPortAndBindsTheResult()
    {
        var run = await engine.RunAsync(Review());

        var resumed = await engine.CompleteTaskAsync(run.InstanceId, "review", "Abgelehnt", new JsonObject { ["grund"] = "Unvollständig" });

        Assert.Equal(WorkflowStatus.Finished, resumed.Status);
        Assert.Equal(["start", "review", "review", "rejected"], await engine.PathAsync(run.InstanceId));
        var expected = new JsonObject { ["outcome"] = "Abgelehnt", ["data"] = new JsonObject { ["grund"] = "Unvollständig" } };
        Assert.True(JsonNode.DeepEquals(expected, await engine.VariableAsync(run.InstanceId, "Entscheidung")));
        Assert.Empty(engine.Store.Timers);
    }

    public static TheoryData<JsonNode?> DisallowedOutcomes => new() { "Vielleicht", "genehmigt", null, 1, new JsonArray("Genehmigt"), new JsonObject { ["name"] = "Genehmigt" } };

    [Theory]
    [MemberData(nameof(DisallowedOutcomes))]
    public async Task Resume_DisallowedOutcome_ThrowsAndCommitsNothing(JsonNode? outcome)
    {
        var run = await engine.RunAsync(Review());
        var before = await engine.InstanceAsync(run.InstanceId);
        var task = await engine.BookmarkAsync(run.InstanceId, "review");
        var commits = engine.Store.CommitCount;

        var error = await Assert.ThrowsAsync<InvalidResumeInputException>(() => engine.Runtime.ResumeAsync(task.Id, new JsonObject { ["outcome"] = outcome }));

        Assert.Equal("outcome", error.Field);
        Assert.Equal(commits, engine.Store.CommitCount);
        Assert.Equal(before.Version, (await engine.InstanceAsync(run.InstanceId)).Version);
        Assert.Equal(task.Id, (await engine.BookmarkAsync(run.InstanceId, "review")).Id);
        Assert.Single(engine.Store.Timers);
    }

    [Fact]
    public async Task FireTimer_AfterTheDueDate_FollowsOverdue()
    {
        var run = await engine.RunAsync(Review());

        engine.Clock.SetUtcNow(Due);
        var fired = await engine.FireDueTimersAsync();

        Assert.Equal(1, fired);
        Assert.Equal(["start", "review", "review", "remind"], await engine.PathAsync(run.InstanceId));
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["outcome"] = "Overdue" }, await engine.VariableAsync(run.InstanceId, "Entscheidung")));
        Assert.Empty(engine.Store.Timers);
    }

    [Fact]
    public async Task FireTimer_BeforeTheDueDate_FiresNothing()
    {
        var run = await engine.RunAsync(Review());

        engine.Clock.SetUtcNow(Due.AddMinutes(-1));

        Assert.Equal(0, await engine.FireDueTimersAsync());
        Assert.Equal(WorkflowStatus.Suspended, (await engine.InstanceAsync(run.InstanceId)).Status);
    }

    [Fact]
    public async Task FireTimer_BookmarkAlreadyConsumed_DoesNothing()
    {
        var run = await engine.RunAsync(Review());
        var timer = Assert.Single(engine.Timers.Committed);
        await engine.CompleteTaskAsync(run.InstanceId, "review", "Genehmigt");
        var version = (await engine.InstanceAsync(run.InstanceId)).Version;

        engine.Clock.SetUtcNow(Due);
        var result = await engine.Runtime.FireTimerAsync(timer);

        Assert.Null(result);
        Assert.Equal(version, (await engine.InstanceAsync(run.InstanceId)).Version);
        Assert.Equal(["start", "review", "review", "approved"], await engine.PathAsync(run.InstanceId));
    }

    [Fact]
    public async Task Execute_DueDateFromJavaScript_UsesTheComputedDate()
    {
        var flow = new FlowchartBuilder()
            .Variable("Frist", "String", Due.ToString("O", CultureInfo.InvariantCulture))
            .Start().HumanTask("review", "kuf", "Antrag prüfen", "Genehmigt", dueAt: Expr.JavaScript("variables.Frist"))
            .Chain("start", "review");

        var run = await engine.RunAsync(flow);

        Assert.Equal(Due, Assert.Single(engine.Store.Timers).DueAt);
        Assert.Equal(run.InstanceId, Assert.Single(engine.Store.Timers).InstanceId);
    }

    private static FlowchartBuilder Review() =>
        new FlowchartBuilder()
            .Variable("Entscheidung")
            .Start()
            .HumanTask(
                "review",
                "kuf",
                "Antrag prüfen",
                "Genehmigt, Abgelehnt",
                dueAt: Expr.Literal(Due),
                resultVariable: "Entscheidung",
                payload: Expr.Json(new JsonObject { ["antrag"] = "A-17" }))
            .End("approved").End("rejected").End("remind")
            .Chain("start", "review")
            .Connect("review", "approved", "Genehmigt").Connect("review", "rejected", "Abgelehnt").Connect("review", "remind", "Overdue");
}
