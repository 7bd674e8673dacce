using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Engine.Timers;

namespace Foerderworkflow.Engine.Tests.TestSupport;

/// <summary>
/// The engine wired as a host would wire it, on an in-memory store and a manual clock. One per test.
/// </summary>
public sealed class EngineFixture : IDisposable
{
    public EngineFixture()
    {
        Compiler = new FlowchartCompiler(Registry, JavaScript);
        Definitions = new WorkflowDefinitionService(Store, Compiler, Clock);
        Runtime = new WorkflowRuntime(Store, Compiler, JavaScript, Clock, Timers, Outbox);
    }

    public FakeClock Clock { get; } = new();

    public InMemoryWorkflowStore Store { get; } = new();

    public ActivityRegistry Registry { get; } = ActivityRegistry.WithBuiltIns().Register<FlakyActivity>().Register<FlakyResumeActivity>().Register<RemindedTaskActivity>().Register<GateActivity>();

    public JavaScriptEvaluator JavaScript { get; } = new();

    public FlowchartCompiler Compiler { get; }

    public WorkflowDefinitionService Definitions { get; }

    public RecordingTimerScheduler Timers { get; } = new();

    public RecordingOutboxSignal Outbox { get; } = new();

    public WorkflowRuntime Runtime { get; }

    public Task<WorkflowDefinition> PublishAsync(FlowchartBuilder flow) => Definitions.PublishAsync(flow.Build());

    /// <summary>Publishes the flowchart and starts an instance of it.</summary>
    public async Task<RunResult> RunAsync(FlowchartBuilder flow, JsonNode? input = null, string? correlationId = null)
    {
        var definition = await PublishAsync(flow);
        return await Runtime.StartAsync(definition.DefinitionId, input, correlationId);
    }

    public async Task<WorkflowInstance> InstanceAsync(string instanceId) =>
        await Store.FindInstanceAsync(instanceId) ?? throw new InvalidOperationException($"No instance '{instanceId}'.");

    public async Task<JsonNode?> VariableAsync(string instanceId, string name) => (await InstanceAsync(instanceId)).State.Variables[name];

    public async Task<IReadOnlyList<Bookmark>> BookmarksAsync(string instanceId) => (await DetailsAsync(instanceId)).Bookmarks;

    /// <summary>The one open bookmark of an activity.</summary>
    public async Task<Bookmark> BookmarkAsync(string instanceId, string activityId) =>
        Assert.Single(await BookmarksAsync(instanceId), b => b.ActivityId == activityId);

    public async Task<IReadOnlyList<Incident>> IncidentsAsync(string instanceId) => (await DetailsAsync(instanceId)).Incidents;

    /// <summary>The ids of the activities that ran, in order (from the journal).</summary>
    public async Task<IReadOnlyList<string>> PathAsync(string instanceId) =>
        [.. (await DetailsAsync(instanceId)).Journal.Select(j => j.ActivityId)];

    /// <summary>Completes the human task waiting in <paramref name="activityId"/> with an outcome.</summary>
    public async Task<RunResult> CompleteTaskAsync(string instanceId, string activityId, string outcome, JsonNode? data = null)
    {
        var task = await BookmarkAsync(instanceId, activityId);
        return await Runtime.ResumeAsync(task.Id, new JsonObject { ["outcome"] = outcome, ["data"] = data?.DeepClone() });
    }

    /// <summary>Fires every timer due at the clock's current time, as the embedded scheduler would.</summary>
    public async Task<int> FireDueTimersAsync()
    {
        using var scheduler = new PollingTimerScheduler(Store, Clock);
        return await scheduler.FireDueAsync((timer, ct) => Runtime.FireTimerAsync(timer, ct), CancellationToken.None);
    }

    public void Dispose() => Definitions.Dispose();

    public async Task<InstanceDetails> DetailsAsync(string instanceId) =>
        await Store.GetInstanceDetailsAsync(instanceId) ?? throw new InvalidOperationException($"No instance '{instanceId}'.");
}
