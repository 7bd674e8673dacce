using System.Diagnostics;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Timers;

namespace Foerderworkflow.Benchmarks;

/// <summary>
/// (a) raw single-row insert commits/s, (b) resumes committed/s for a flowchart that waits three times,
/// (c) start→finish instances/s, (d) stored bytes per suspended instance — all on one store in one run.
/// </summary>
internal sealed class EngineBenchmark(BenchmarkStore store, BenchmarkSettings settings)
{
    private readonly WorkflowRuntime runtime = CreateRuntime(store);

    public async Task<StoreFigures> RunAsync()
    {
        var n = settings.Instances;
        var definitions = new WorkflowDefinitionService(store.Store, Compiler(store), TimeProvider.System);
        await definitions.PublishAsync(BenchmarkFlowcharts.ThreeWaits("three-waits"));
        await definitions.PublishAsync(BenchmarkFlowcharts.StraightThrough("straight"));

        // Warm up JIT, connection pools and the flowchart cache outside every measurement.
        await ResumeChainsAsync(await StartAsync("three-waits", 50, settings.Workers), settings.Workers);
        await StartAsync("straight", 50, settings.Workers);
        await store.RawInsertsAsync(200);

        var raw = await MeasureAsync(n, () => store.RawInsertsAsync(n));

        var bytesBefore = await store.StoredBytesAsync();
        var sequentialChains = await StartAsync("three-waits", n, settings.Workers);
        var bytesPerSuspended = (double)(await store.StoredBytesAsync() - bytesBefore) / n;
        var parallelChains = await StartAsync("three-waits", n, settings.Workers);

        var resumesSequential = await MeasureAsync(3 * n, () => ResumeChainsAsync(sequentialChains, workers: 1));
        var resumesParallel = await MeasureAsync(3 * n, () => ResumeChainsAsync(parallelChains, settings.Workers));
        var startFinish = await MeasureAsync(n, () => StartAsync("straight", n, settings.Workers));

        return new StoreFigures(store.Name, raw, resumesSequential, resumesParallel, settings.Workers, startFinish, bytesPerSuspended);
    }

    private async Task<List<string>> StartAsync(string definitionId, int count, int workers)
    {
        var firstBookmarks = new string?[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (i, ct) =>
        {
            var result = await runtime.StartAsync(definitionId, null, $"bench-{Guid.NewGuid():N}", ct);
            firstBookmarks[i] = result.NewBookmarks.Count > 0 ? result.NewBookmarks[0].Id : null;
        });
        return [.. firstBookmarks.OfType<string>()];
    }

    /// <summary>Resumes each instance's bookmark until it finishes (three resumes per instance).</summary>
    private async Task ResumeChainsAsync(List<string> firstBookmarks, int workers) =>
        await Parallel.ForEachAsync(firstBookmarks, new ParallelOptions { MaxDegreeOfParallelism = workers }, async (bookmark, ct) =>
        {
            var next = bookmark;
            while (next is not null)
            {
                var result = await runtime.ResumeAsync(next, null, ct);
                next = result.NewBookmarks.Count > 0 ? result.NewBookmarks[0].Id : null;
            }
        });

    private static async Task<double> MeasureAsync(int operations, Func<Task> run)
    {
        var watch = Stopwatch.StartNew();
        await run();
        return operations / watch.Elapsed.TotalSeconds;
    }

    private static FlowchartCompiler Compiler(BenchmarkStore store) => store.Compiler;

    private static WorkflowRuntime CreateRuntime(BenchmarkStore store) =>
        new(store.Store, store.Compiler, store.JavaScript, TimeProvider.System, new NoTimers(), new NoOutbox());

    private sealed class NoTimers : ITimerScheduler
    {
        public void OnTimersCommitted(IReadOnlyList<WorkflowTimer> timers)
        {
        }
    }

    private sealed class NoOutbox : IOutboxSignal
    {
        public void OnMessagesCommitted()
        {
        }
    }
}

internal sealed record StoreFigures(string Store, double RawInserts, double ResumesSequential, double ResumesParallel, int Workers, double StartToFinish, double BytesPerSuspended)
{
    public void Print(TextWriter output)
    {
        output.WriteLine($"(a) raw single-row insert commits/s:              {RawInserts,10:N0}");
        output.WriteLine($"(b) resumes committed/s, 1 worker:                {ResumesSequential,10:N0}   (b)/(a) = {ResumesSequential / RawInserts:F2}");
        output.WriteLine($"(b) resumes committed/s, {Workers} workers:               {ResumesParallel,10:N0}   (b)/(a) = {ResumesParallel / RawInserts:F2}");
        output.WriteLine($"(c) start→finish instances/s, {Workers} workers:          {StartToFinish,10:N0}");
        output.WriteLine($"(d) stored bytes per suspended instance:          {BytesPerSuspended,10:N0}");
    }

    public static void PrintSummary(TextWriter output, IReadOnlyList<StoreFigures> figures)
    {
        output.WriteLine();
        output.WriteLine("store | raw commits/s | resumes/s (1 / N workers) | (b)/(a) (1 / N) | start→finish/s | bytes/suspended");
        foreach (var f in figures)
        {
            output.WriteLine($"{f.Store} | {f.RawInserts:N0} | {f.ResumesSequential:N0} / {f.ResumesParallel:N0} | {f.ResumesSequential / f.RawInserts:F2} / {f.ResumesParallel / f.RawInserts:F2} | {f.StartToFinish:N0} | {f.BytesPerSuspended:N0}");
        }
    }
}

internal static class BenchmarkFlowcharts
{
    public static JsonObject ThreeWaits(string id) => Flowchart(id, [Node("start", "Elsa.Start"), Event("w1"), Event("w2"), Event("w3"), Node("end", "Elsa.End")], ["start", "w1", "w2", "w3", "end"]);

    public static JsonObject StraightThrough(string id)
    {
        var set = Node("set", "Elsa.SetVariable");
        set["variable"] = Literal("Amount");
        set["value"] = new JsonObject { ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "1200" } };
        var decide = Node("decide", "Elsa.FlowDecision");
        decide["condition"] = new JsonObject { ["expression"] = new JsonObject { ["type"] = "JavaScript", ["value"] = "variables.Amount > 500" } };
        var chart = Flowchart(id, [Node("start", "Elsa.Start"), set, decide, Node("end", "Elsa.End")], ["start", "set", "decide"]);
        var connections = chart["root"]!["connections"]!.AsArray();
        connections.Add(Edge("decide", "True", "end"));
        connections.Add(Edge("decide", "False", "end"));
        chart["variables"] = new JsonArray(new JsonObject { ["id"] = "amount", ["name"] = "Amount", ["typeName"] = "Int32", ["value"] = "0" });
        return chart;
    }

    private static JsonObject Event(string id)
    {
        var node = Node(id, "Elsa.Event");
        node["eventName"] = Literal(id);
        return node;
    }

    private static JsonObject Flowchart(string id, JsonObject[] nodes, string[] chain) => new()
    {
        ["definitionId"] = id,
        ["name"] = id,
        ["root"] = new JsonObject
        {
            ["id"] = "root",
            ["nodeId"] = "root",
            ["type"] = "Elsa.Flowchart",
            ["version"] = 1,
            ["activities"] = new JsonArray(nodes),
            ["connections"] = new JsonArray([.. chain.Zip(chain.Skip(1), (a, b) => (JsonNode)Edge(a, "Done", b))]),
        },
    };

    private static JsonObject Node(string id, string type) => new() { ["id"] = id, ["nodeId"] = $"root:{id}", ["type"] = type, ["version"] = 1 };

    private static JsonObject Literal(string value) => new() { ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Edge(string source, string port, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = port },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };
}
