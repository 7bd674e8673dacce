using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Scheduling;
using Foerderworkflow.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using Quartz;

namespace Foerderworkflow.Benchmarks;

/// <summary>
/// The timer benchmark (<c>timers</c> mode): on a fresh database per store, with the server's Quartz wiring,
/// (1) stores pending timers in steps (100,000, then up to 1,000,000), hands them to the scheduler, runs a full
/// reconciler pass and prints the rates and this process's memory after a full GC; (1b) schedules a slice as one
/// Quartz job per timer, the design before the window; (2) starts instances whose timers are all due at the same second through the
/// engine (commit + hand-off to Quartz) and measures the fire rate and lateness until each resume has committed;
/// (3) beside it, Quartz's raw rate: as many plain jobs that do nothing, same scheduler, same store, same second.
/// </summary>
/// <remarks>
/// The pending timers are stored as timer rows in bulk (multi-row INSERTs; due a month ahead, beyond the window) and
/// handed to <see cref="QuartzTimerScheduler.ScheduleAsync"/> in batches of 256, exactly as the post-commit pump does.
/// The due-at-once timers go the whole way through the engine.
/// </remarks>
internal sealed class TimerBenchmark
{
    private const string RawGroup = "bench-raw";
    private const int ScheduleBatch = 256;
    private readonly TimerBenchmarkSettings settings;
    private readonly ConcurrentQueue<(string Group, DateTimeOffset Due, DateTimeOffset Done)> completions = new();

    private TimerBenchmark(TimerBenchmarkSettings settings) => this.settings = settings;

    public static async Task RunAsync(string[] args)
    {
        var settings = TimerBenchmarkSettings.Parse(args);
        var benchmark = new TimerBenchmark(settings);
        var lines = new List<string>();
        foreach (var target in settings.Targets())
        {
            Console.WriteLine($"== timers on {target.Name}");
            lines.AddRange(await benchmark.RunOnAsync(target));
        }

        Console.WriteLine();
        Console.WriteLine("== summary");
        foreach (var line in lines)
        {
            Console.WriteLine(line);
        }
    }

    private async Task<List<string>> RunOnAsync(BenchmarkTarget target)
    {
        completions.Clear();
        await using var place = await TimerDatabase.CreateAsync(target);
        using var host = BuildHost(target, place);
        await host.Services.MigrateWorkflowStoreAsync();
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler();
        scheduler.ListenerManager.AddJobListener(new CompletionRecorder(completions), [GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.JobGroup), GroupMatcher<JobKey>.GroupEquals(QuartzTimerOptions.SecondGroup), GroupMatcher<JobKey>.GroupEquals(RawGroup)]);
        await host.StartAsync();
        await host.Services.GetRequiredService<TimerReconciler>().FirstPassCompleted;

        var summary = new List<string>();
        var timers = host.Services.GetRequiredService<QuartzTimerScheduler>();
        var pending = 0;
        var reconciler = host.Services.GetRequiredService<TimerReconciler>();
        foreach (var step in settings.PendingSteps)
        {
            var add = step - pending;
            var seeding = Stopwatch.StartNew();
            await place.SeedTimersAsync(pending, add);
            var seedRate = add / seeding.Elapsed.TotalSeconds;

            // The post-commit hand-off, as the pump does it (batches of 256): due beyond the window, nothing goes to Quartz.
            var handOff = Stopwatch.StartNew();
            foreach (var batch in TimerDatabase.SeededTimers(pending, add).Chunk(ScheduleBatch))
            {
                await timers.ScheduleAsync(batch);
            }

            var handOffRate = add / handOff.Elapsed.TotalSeconds;
            pending = step;
            var pass = Stopwatch.StartNew();
            var repaired = await reconciler.ReconcileAsync();
            var memory = Memory.Measure();
            var line = string.Create(CultureInfo.InvariantCulture,
                $"{target.Name}: {pending,9:N0} pending timers: stored {seedRate,9:N0}/s (bulk rows), handed to the scheduler {handOffRate,11:N0}/s, reconciler pass {pass.Elapsed.TotalSeconds:N1} s ({repaired.JobsCreated} jobs created); memory {memory}");
            Console.WriteLine(line);
            summary.Add(line);
        }

        var jobsPerSecond = 400.0;
        if (settings.PerTimerJobs > 0)
        {
            // Arming Quartz jobs: timers in as many distinct due seconds within the window (the worst case: one job each).
            var ahead = TimeProvider.System.GetUtcNow().AddHours(12);
            var slice = TimerDatabase.SeededTimers(0, settings.PerTimerJobs).Select((t, i) => t with { Id = "0slice" + t.Id, DueAt = ahead.AddSeconds(i) }).ToList();
            var watch = Stopwatch.StartNew();
            foreach (var batch in slice.Chunk(ScheduleBatch))
            {
                await timers.ScheduleAsync(batch);
            }

            jobsPerSecond = settings.PerTimerJobs / watch.Elapsed.TotalSeconds;
            var line = string.Create(CultureInfo.InvariantCulture, $"{target.Name}: timers in distinct due seconds within the window (one Quartz job each): {settings.PerTimerJobs:N0} armed at {jobsPerSecond:N0} jobs/s; memory {Memory.Measure()}");
            Console.WriteLine(line);
            summary.Add(line);
            foreach (var batch in slice.Chunk(ScheduleBatch))
            {
                await scheduler.DeleteJobs([.. batch.Select(t => DueSecond.Of(t.DueAt).JobKey)]);
            }
        }

        if (!settings.SkipEngineFire)
        {
            var fired = await FireAtOnceThroughEngineAsync(host, settings.FireCount);
            summary.Add($"{target.Name}: engine timers, {settings.FireCount:N0} due at one second (beside {pending:N0} pending): {fired}");
            Console.WriteLine(summary[^1]);
            if (settings.SpreadSeconds > 0)
            {
                var spread = await FireSpreadThroughEngineAsync(host, settings.FireCount, settings.SpreadSeconds);
                summary.Add($"{target.Name}: engine timers, {settings.FireCount:N0} due over {settings.SpreadSeconds} s ({settings.FireCount / settings.SpreadSeconds:N0} per second): {spread}");
                Console.WriteLine(summary[^1]);
            }
        }

        if (!settings.SkipRaw)
        {
            var raw = await FireRawQuartzAsync(scheduler, settings.FireCount, jobsPerSecond);
            summary.Add($"{target.Name}: Quartz raw (no-op job), {settings.FireCount:N0} due at one second (same store, same run): {raw}");
            Console.WriteLine(summary[^1]);
        }
        summary.Add($"{target.Name}: memory at the end: {Memory.Measure()}");

        await host.StopAsync();
        return summary;
    }

    private async Task<FireFigures> FireAtOnceThroughEngineAsync(IHost host, int count)
    {
        var runtime = host.Services.GetRequiredService<WorkflowRuntime>();
        var definitions = host.Services.GetRequiredService<WorkflowDefinitionService>();

        // How fast the engine starts an instance whose timer goes to Quartz, to put the shared due second after the last.
        var probeDue = TimeProvider.System.GetUtcNow().AddDays(60);
        await definitions.PublishAsync(FlowchartJson.StartAt("probe", probeDue));
        var probe = Stopwatch.StartNew();
        await StartManyAsync(runtime, "probe", 500);
        var startRate = 500 / probe.Elapsed.TotalSeconds;

        var due = TruncateToSecond(TimeProvider.System.GetUtcNow().AddSeconds(count / startRate * 1.5 + 15));
        await definitions.PublishAsync(FlowchartJson.StartAt("at-once", due));
        var watch = Stopwatch.StartNew();
        await StartManyAsync(runtime, "at-once", count);
        var started = TimeProvider.System.GetUtcNow();
        Console.WriteLine($"  started {count:N0} instances through the engine at {count / watch.Elapsed.TotalSeconds:N0}/s (commit + Quartz job); due {due:HH:mm:ss}, {(due - started).TotalSeconds:N0} s ahead");
        if (started > due)
        {
            Console.WriteLine("  (warning: the due second passed before every instance was started)");
        }

        return await WaitForCompletionsAsync(QuartzTimerOptions.JobGroup, due, count);
    }

    /// <summary>
    /// Timers due at a steady rate below the fire rate: <paramref name="count"/> spread evenly over
    /// <paramref name="seconds"/> consecutive due seconds. The lateness here is what the scheduling adds to a timer
    /// (Quartz's firing of its second, reading the store, the resume and its commit), not a queue of work ahead of it.
    /// </summary>
    private async Task<FireFigures> FireSpreadThroughEngineAsync(IHost host, int count, int seconds)
    {
        completions.Clear();
        var runtime = host.Services.GetRequiredService<WorkflowRuntime>();
        var definitions = host.Services.GetRequiredService<WorkflowDefinitionService>();
        var first = TruncateToSecond(TimeProvider.System.GetUtcNow().AddSeconds(count / 150.0 + 15));
        for (var s = 0; s < seconds; s++)
        {
            await definitions.PublishAsync(FlowchartJson.StartAt($"spread-{s}", first.AddSeconds(s)));
        }

        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) => await runtime.StartAsync($"spread-{i % seconds}", null, null, ct));
        if (TimeProvider.System.GetUtcNow() > first)
        {
            Console.WriteLine("  (warning: the first due second passed before every instance was started)");
        }

        return await WaitForCompletionsAsync(QuartzTimerOptions.JobGroup, first, count, ownDue: true);
    }

    private async Task<FireFigures> FireRawQuartzAsync(IScheduler scheduler, int count, double jobsPerSecond)
    {
        // The shared due second after the last job is stored, by the scheduling rate measured before.
        var due = TruncateToSecond(TimeProvider.System.GetUtcNow().AddSeconds(count / jobsPerSecond * 1.3 + 15));
        foreach (var batch in Enumerable.Range(0, count).Chunk(ScheduleBatch))
        {
            var jobs = batch.ToDictionary(
                i => JobBuilder.Create<NoOpJob>().WithIdentity($"raw-{i:D7}", RawGroup).Build(),
                i => (IReadOnlyCollection<ITrigger>)[TriggerBuilder.Create().WithIdentity($"raw-{i:D7}", RawGroup).StartAt(due).Build()]);
            await scheduler.ScheduleJobs(jobs, new ScheduleJobOptions { Replace = false });
        }

        if (TimeProvider.System.GetUtcNow() > due)
        {
            Console.WriteLine("  (warning: the due second passed before every raw job was scheduled)");
        }

        return await WaitForCompletionsAsync(RawGroup, due, count);
    }

    /// <summary>Polls the recorded completions until all <paramref name="count"/> are in (or a generous deadline passes).</summary>
    private async Task<FireFigures> WaitForCompletionsAsync(string group, DateTimeOffset due, int count, bool ownDue = false)
    {
        var deadline = due + TimeSpan.FromSeconds(120 + count / 5.0);
        while (completions.Count(c => c.Group == group) < count && TimeProvider.System.GetUtcNow() < deadline)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), TimeProvider.System);
        }

        var done = completions.Where(c => c.Group == group).ToList();
        // Against the shared due second itself: a trigger Quartz counted as misfired carries a later scheduled time.
        var lateness = done.Select(c => (c.Done - (ownDue ? c.Due : due)).TotalSeconds).Order().ToList();
        if (lateness.Count == 0)
        {
            return new FireFigures(0, 0, 0, 0, 0);
        }

        var span = (done.Max(c => c.Done) - due).TotalSeconds;
        return new FireFigures(done.Count, done.Count / Math.Max(span, 0.001), Percentile(lateness, 0.50), Percentile(lateness, 0.99), lateness[^1]);
    }

    private static async Task StartManyAsync(WorkflowRuntime runtime, string definitionId, int count) =>
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (_, ct) => await runtime.StartAsync(definitionId, null, null, ct));

    private IHost BuildHost(BenchmarkTarget target, TimerDatabase place)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var services = builder.Services;
        services.AddLogging();
        services.AddWorkflowStore(new WorkflowStoreOptions { Provider = target.Provider, ConnectionString = place.WorkflowConnectionString });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => ActivityRegistry.WithBuiltIns());
        services.AddSingleton<JavaScriptEvaluator>();
        services.AddSingleton<FlowchartCompiler>();
        services.AddSingleton<WorkflowDefinitionService>();
        services.AddSingleton<WorkflowRuntime>();
        services.AddSingleton<IOutboxSignal, NoOutboxSignal>();
        services.AddQuartzTimerScheduler(new QuartzTimerOptions
        {
            Provider = target.Provider == WorkflowStoreProvider.PostgreSql ? QuartzStoreProvider.PostgreSql : QuartzStoreProvider.Sqlite,
            ConnectionString = place.QuartzConnectionString,
            Clustered = target.Provider == WorkflowStoreProvider.PostgreSql,
            InstanceId = "bench-node",
            MaxConcurrency = settings.Threads,
            ReconcileInterval = TimeSpan.FromHours(1),
        });
        return builder.Build();
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset moment) => new(moment.Ticks - moment.Ticks % TimeSpan.TicksPerSecond, moment.Offset);

    private static double Percentile(List<double> sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Count) - 1, 0, sorted.Count - 1)];

    private sealed class NoOutboxSignal : IOutboxSignal
    {
        public void OnMessagesCommitted()
        {
        }
    }

    /// <summary>Quartz's own cost of a firing: a job that does nothing.</summary>
    private sealed class NoOpJob : IJob
    {
        public ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;
    }

    private sealed class CompletionRecorder(ConcurrentQueue<(string Group, DateTimeOffset Due, DateTimeOffset Done)> completions) : IJobListener
    {
        public string Name => "bench-completions";

        public ValueTask JobToBeExecuted(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobExecutionVetoed(IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        public ValueTask JobWasExecuted(IJobExecutionContext context, JobExecutionException? jobException, CancellationToken cancellationToken = default)
        {
            if (context.Result is IEnumerable<TimerRun> runs)
            {
                // A due second's job fires many timers: each counts when its own resume committed.
                foreach (var run in runs.Where(r => r.Outcome == TimerJobOutcome.Fired))
                {
                    completions.Enqueue((QuartzTimerOptions.JobGroup, run.DueAt ?? context.FireTimeUtc, run.EndedAt));
                }

                return ValueTask.CompletedTask;
            }

            completions.Enqueue((context.JobDetail.Key.Group, context.ScheduledFireTimeUtc ?? context.FireTimeUtc, TimeProvider.System.GetUtcNow()));
            return ValueTask.CompletedTask;
        }
    }
}

internal sealed record FireFigures(int Fired, double PerSecond, double P50Seconds, double P99Seconds, double MaxSeconds)
{
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Fired:N0} fired, {PerSecond:N0}/s; lateness until committed p50 {P50Seconds:N2} s, p99 {P99Seconds:N2} s, max {MaxSeconds:N2} s");
}

/// <summary>This process's memory: working set and the managed heap after a full, compacting GC.</summary>
internal static class Memory
{
    public static string Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return string.Create(CultureInfo.InvariantCulture, $"working set {process.WorkingSet64 / 1048576.0:N0} MB, GC heap {GC.GetTotalMemory(false) / 1048576.0:N0} MB");
    }
}

/// <summary>Command line of the <c>timers</c> mode: <c>--pending 100000,1000000 --fire 10000 --spread-seconds 10 --per-timer-jobs 2000 --threads 8 --postgres "conn" --sqlite-only --postgres-only --skip-engine-fire --skip-raw</c> (the last two for quick reruns of one part).</summary>
internal sealed record TimerBenchmarkSettings(IReadOnlyList<int> PendingSteps, int FireCount, int SpreadSeconds, int PerTimerJobs, int Threads, string? Postgres, bool Sqlite, bool SkipEngineFire, bool SkipRaw)
{
    public static TimerBenchmarkSettings Parse(string[] args)
    {
        IReadOnlyList<int> pending = [100_000, 1_000_000];
        var fire = 10_000;
        var spread = 10;
        var perTimer = 2_000;
        var threads = 8;
        var postgres = Environment.GetEnvironmentVariable("FOERDERWORKFLOW_TEST_POSTGRES");
        var sqlite = true;
        var skipEngineFire = false;
        var skipRaw = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--pending": pending = [.. args[++i].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).Where(n => n > 0).Order()]; break;
                case "--fire": fire = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--spread-seconds": spread = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--per-timer-jobs": perTimer = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--threads": threads = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--postgres": postgres = args[++i]; break;
                case "--sqlite-only": postgres = null; break;
                case "--postgres-only": sqlite = false; break;
                case "--skip-engine-fire": skipEngineFire = true; break;
                case "--skip-raw": skipRaw = true; break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}'.");
            }
        }

        return new TimerBenchmarkSettings(pending, fire, spread, perTimer, threads, postgres, sqlite, skipEngineFire, skipRaw);
    }

    public IEnumerable<BenchmarkTarget> Targets()
    {
        if (Postgres is not null)
        {
            yield return new BenchmarkTarget("PostgreSQL", WorkflowStoreProvider.PostgreSql, Postgres);
        }
        else
        {
            Console.WriteLine("(PostgreSQL skipped: set FOERDERWORKFLOW_TEST_POSTGRES or pass --postgres)");
        }

        if (Sqlite)
        {
            yield return new BenchmarkTarget("SQLite", WorkflowStoreProvider.Sqlite, null);
        }
    }
}

/// <summary>A fresh database for one target: the workflow store, and Quartz's tables (PostgreSQL: the same database; SQLite: a file beside it).</summary>
internal sealed class TimerDatabase : IAsyncDisposable
{
    /// <summary>Far enough ahead that no seeded timer falls due during a run.</summary>
    private static readonly DateTimeOffset SeededDue = TimeProvider.System.GetUtcNow().AddDays(30);

    private readonly BenchmarkTarget target;
    private readonly string place;

    private TimerDatabase(BenchmarkTarget target, string place, string workflow, string quartz)
    {
        this.target = target;
        this.place = place;
        WorkflowConnectionString = workflow;
        QuartzConnectionString = quartz;
    }

    public string WorkflowConnectionString { get; }
    public string QuartzConnectionString { get; }

    public static async Task<TimerDatabase> CreateAsync(BenchmarkTarget target)
    {
        if (target.Provider == WorkflowStoreProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("fw-timer-bench-").FullName;
            return new TimerDatabase(target, folder, $"Data Source={Path.Combine(folder, "workflow.db")}", $"Data Source={Path.Combine(folder, "workflow.quartz.db")}");
        }

        var database = $"fw_timer_bench_{Guid.NewGuid():N}";
        await AdminAsync(target.AdminConnectionString!, $"CREATE DATABASE {database}");
        var connection = new NpgsqlConnectionStringBuilder(target.AdminConnectionString) { Database = database, MaxPoolSize = 64 }.ConnectionString;
        return new TimerDatabase(target, database, connection, connection);
    }

    /// <summary>The seeded timers <c>[from, from + count)</c>: ids that sort in insertion order, due a month ahead.</summary>
    public static IEnumerable<WorkflowTimer> SeededTimers(int from, int count) =>
        Enumerable.Range(from, count).Select(i => new WorkflowTimer(Id(i), "bench-instance", "bench-bookmark-" + Id(i), SeededDue.AddMilliseconds(i)));

    /// <summary>Stores timer rows in bulk, 1,000 per statement.</summary>
    public async Task SeedTimersAsync(int from, int count)
    {
        await using var connection = target.Provider == WorkflowStoreProvider.Sqlite
            ? (System.Data.Common.DbConnection)new SqliteConnection(WorkflowConnectionString)
            : new NpgsqlConnection(WorkflowConnectionString);
        await connection.OpenAsync();
        foreach (var chunk in SeededTimers(from, count).Chunk(1_000))
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            var sql = new StringBuilder("INSERT INTO workflow_timers (id, instance_id, bookmark_id, due_at) VALUES ");
            sql.AppendJoin(",", chunk.Select(t => target.Provider == WorkflowStoreProvider.Sqlite
                ? $"('{t.Id}','{t.InstanceId}','{t.BookmarkId}','{t.DueAt.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffff}Z')"
                : $"('{t.Id}','{t.InstanceId}','{t.BookmarkId}','{t.DueAt.UtcDateTime:yyyy-MM-dd HH:mm:ss.ffffff}+00')"));
            command.CommandText = sql.ToString();
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (target.Provider == WorkflowStoreProvider.Sqlite)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(place, recursive: true);
            return;
        }

        NpgsqlConnection.ClearAllPools();
        await AdminAsync(target.AdminConnectionString!, $"DROP DATABASE IF EXISTS {place} WITH (FORCE)");
    }

    private static string Id(int i) => "0bench" + i.ToString("D10", CultureInfo.InvariantCulture);

    private static async Task AdminAsync(string admin, string sql)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
