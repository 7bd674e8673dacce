using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Quartz;

namespace Foerderworkflow.Scheduling.Tests;

/// <summary>
/// A fresh PostgreSQL database (named by <c>FOERDERWORKFLOW_TEST_POSTGRES</c>; without it every test fails) holding
/// the workflow store and Quartz's tables, and server "nodes" on it: each its own host with its own runtime and its
/// own Quartz scheduler (one cluster, distinct instance ids). Every job execution on any node is recorded.
/// </summary>
public sealed class TimerCluster : IAsyncDisposable
{
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly List<TimerNode> nodes = [];
    private readonly Lock gate = new();
    private readonly List<Execution> executions = [];
    private readonly List<(string Node, string Second)> secondRuns = [];
    private readonly HashSet<string> deletedJobs = new(StringComparer.Ordinal);
    private readonly List<(Func<bool> Done, TaskCompletionSource Signal)> waiters = [];

    /// <summary>SQLite: the folder of the two files.</summary>
    private readonly string? folder;
    private readonly TestDatabase? database;

    private bool Sqlite => database is null;

    private TimerCluster(string? folder, TestDatabase? database)
    {
        this.folder = folder;
        this.database = database;
        ConnectionString = database?.ConnectionString ?? $"Data Source={Path.Combine(folder!, "workflow.db")}";
    }

    /// <summary>The workflow store's connection string (on PostgreSQL Quartz's tables live in the same database).</summary>
    public string ConnectionString { get; }

    public IReadOnlyList<Execution> Executions
    {
        get
        {
            lock (gate)
            {
                return [.. executions];
            }
        }
    }

    public static async Task<TimerCluster> CreateAsync() => new(null, await TestPostgres.CreateDatabaseAsync("fw_quartz_"));

    /// <summary>The embedded default: the workflow store and, in a file beside it, Quartz on SQLite; one node, not clustered.</summary>
    public static TimerCluster CreateSqlite() => new(Directory.CreateTempSubdirectory("fw-quartz-").FullName, null);

    /// <summary>Starts a node: migrates the workflow store (idempotent), starts Quartz (creates its tables), reconciles.</summary>
    /// <param name="hold">Awaited on this node before each timer job runs: lets a test catch a node inside a job.</param>
    /// <param name="decorateStore">Wraps this node's workflow store (to inject failures).</param>
    public async Task<TimerNode> StartNodeAsync(string instanceId, Action<QuartzTimerOptions>? configure = null, Func<Task>? hold = null, Func<IWorkflowStore, IWorkflowStore>? decorateStore = null)
    {
        var options = new QuartzTimerOptions
        {
            Provider = Sqlite ? QuartzStoreProvider.Sqlite : QuartzStoreProvider.PostgreSql,
            ConnectionString = folder is not null ? $"Data Source={Path.Combine(folder, "workflow.quartz.db")}" : ConnectionString,
            Clustered = !Sqlite,
            InstanceId = instanceId,
            ClusterCheckinInterval = TimeSpan.FromSeconds(1),
            ClusterCheckinMisfireThreshold = TimeSpan.FromSeconds(2),
            MisfireThreshold = TimeSpan.FromSeconds(1),
        };
        configure?.Invoke(options);

        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var services = builder.Services;
        services.AddLogging();
        services.AddWorkflowStore(new WorkflowStoreOptions { Provider = Sqlite ? WorkflowStoreProvider.Sqlite : WorkflowStoreProvider.PostgreSql, ConnectionString = ConnectionString });
        if (decorateStore is not null)
        {
            var inner = services.Last(d => d.ServiceType == typeof(IWorkflowStore));
            services.Remove(inner);
            services.AddSingleton(sp => decorateStore((IWorkflowStore)inner.ImplementationFactory!(sp)));
        }

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => ActivityRegistry.WithBuiltIns());
        services.AddSingleton<JavaScriptEvaluator>();
        services.AddSingleton<FlowchartCompiler>();
        services.AddSingleton<WorkflowDefinitionService>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<IOutboxSignal, NoOutbox>();
        services.AddQuartzTimerScheduler(options);
        var host = builder.Build();

        await host.Services.MigrateWorkflowStoreAsync();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        var recorder = new Recorder(this, instanceId, hold);
        scheduler.ListenerManager.AddJobListener(recorder, [GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.JobGroup), GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.SecondGroup)]);
        scheduler.ListenerManager.AddSchedulerListener(recorder);
        await host.StartAsync();

        var node = new TimerNode(instanceId, host);
        lock (gate)
        {
            nodes.Add(node);
        }

        // The start-up reconciler pass runs in the background; tests that count repairs must not race it.
        await node.Reconciler.FirstPassCompleted.WaitAsync(Patience);

        return node;
    }

    /// <summary>Waits (on a signal, with a timeout) until the recorded executions satisfy <paramref name="done"/>.</summary>
    public Task WaitUntilAsync(Func<IReadOnlyList<Execution>, bool> done, string what) => WaitAsync(() => done(executions), what);

    /// <summary>Waits until Quartz has deleted the due-second jobs of these timers (a fired one-shot job is deleted after its listeners ran).</summary>
    public Task WaitUntilJobsDeletedAsync(IEnumerable<WorkflowTimer> timers, string what)
    {
        var names = timers.Select(t => DueSecond.Of(t.DueAt).Name).ToList();
        return WaitAsync(() => names.All(deletedJobs.Contains), what);
    }

    /// <summary>Waits until the job of <paramref name="timer"/>'s due second has run on some node.</summary>
    public Task WaitUntilSecondRanAsync(WorkflowTimer timer, string what)
    {
        var name = DueSecond.Of(timer.DueAt).Name;
        return WaitAsync(() => secondRuns.Any(r => r.Second == name), what);
    }

    private async Task WaitAsync(Func<bool> done, string what)
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (gate)
        {
            if (done())
            {
                return;
            }

            waiters.Add((done, signal));
        }

        try
        {
            await signal.Task.WaitAsync(Patience);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"Gave up after {Patience} waiting for: {what}. Executions: {string.Join(", ", Executions)}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in nodes)
        {
            await node.DisposeAsync();
        }

        if (database is not null)
        {
            await database.DisposeAsync();
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(folder!, recursive: true);
    }

    private void Record(IEnumerable<Execution> runs, string? deletedJob = null, (string Node, string Second)? secondRun = null)
    {
        lock (gate)
        {
            executions.AddRange(runs);
            if (secondRun is { } run)
            {
                secondRuns.Add(run);
            }

            if (deletedJob is not null)
            {
                deletedJobs.Add(deletedJob);
            }

            foreach (var waiter in waiters.Where(w => w.Done()).ToList())
            {
                waiters.Remove(waiter);
                waiter.Signal.TrySetResult();
            }
        }
    }

    /// <summary>One timer fired by a job (of its due second, or of its own): on which node, which timer, with what outcome.</summary>
    public sealed record Execution(string Node, string TimerId, TimerJobOutcome? Outcome);

    private sealed class NoOutbox : IOutboxSignal
    {
        public void OnMessagesCommitted()
        {
        }
    }

    private sealed class Recorder(TimerCluster cluster, string node, Func<Task>? hold) : IJobListener, ISchedulerListener
    {
        public ValueTask JobDeleted(IScheduler scheduler, JobKey jobKey, CancellationToken cancellationToken = default)
        {
            cluster.Record([], jobKey.Name);
            return ValueTask.CompletedTask;
        }

        public string Name => "recorder-" + node;

        public async ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default)
        {
            if (hold is not null)
            {
                await hold();
            }
        }

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            var runs = (context.Result as IEnumerable<TimerRun> ?? []).Select(r => new Execution(node, r.TimerId, r.Outcome)).ToList();
            var second = context.JobDetail.Key.Group == QuartzTimerOptions.SecondGroup ? (node, context.JobDetail.Key.Name) : ((string, string)?)null;
            cluster.Record(runs, secondRun: second);
            return ValueTask.CompletedTask;
        }
    }
}

/// <summary>One server process's worth of services on the shared database.</summary>
public sealed class TimerNode(string id, IHost host) : IAsyncDisposable
{
    private bool stopped;

    public string Id { get; } = id;

    public IServiceProvider Services => host.Services;

    public WorkflowRuntime Runtime => host.Services.GetRequiredService<WorkflowRuntime>();

    public IWorkflowStore Store => host.Services.GetRequiredService<IWorkflowStore>();

    public TimerReconciler Reconciler => host.Services.GetRequiredService<TimerReconciler>();

    public ValueTask<IScheduler> SchedulerAsync() => host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();

    /// <summary>Stops the node as a shutdown would: Quartz stops acquiring, running jobs finish.</summary>
    public async Task StopAsync()
    {
        if (!stopped)
        {
            stopped = true;
            await host.StopAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        host.Dispose();
    }
}
