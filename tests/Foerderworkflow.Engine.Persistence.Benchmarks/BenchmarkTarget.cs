using System.Data.Common;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Engine.Timers;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Foerderworkflow.Engine.Persistence.Benchmarks;

/// <summary>A fresh database with a migrated store, plus a raw connection for the baseline.</summary>
internal sealed class BenchmarkTarget : IAsyncDisposable
{
    private const string DefinitionId = "benchmark";

    private readonly WorkflowStoreOptions options;
    private readonly ServiceProvider services;
    private readonly Func<Task> drop;
    private readonly WorkflowDefinitionService definitions;
    private readonly WorkflowRuntime runtime;

    private BenchmarkTarget(WorkflowStoreOptions options, ServiceProvider services, Func<Task> drop)
    {
        this.options = options;
        this.services = services;
        this.drop = drop;
        var compiler = new FlowchartCompiler(ActivityRegistry.WithBuiltIns(), new JavaScriptEvaluator());
        definitions = new WorkflowDefinitionService(Store, compiler, TimeProvider.System);
        runtime = new WorkflowRuntime(Store, compiler, new JavaScriptEvaluator(), TimeProvider.System, new NoTimers(), new NoOutbox());
    }

    private IWorkflowStore Store => services.GetRequiredService<IWorkflowStore>();

    public static async Task<BenchmarkTarget> CreateAsync(WorkflowStoreProvider provider, SqliteSynchronousMode synchronous)
    {
        WorkflowStoreOptions options;
        Func<Task> drop;
        if (provider == WorkflowStoreProvider.Sqlite)
        {
            var directory = Path.Combine(Path.GetTempPath(), "foerderworkflow-benchmark-" + Guid.NewGuid().ToString("N"));
            options = new WorkflowStoreOptions { ConnectionString = $"Data Source={Path.Combine(directory, "store.db")}", SqliteSynchronous = synchronous };
            drop = () =>
            {
                SqliteConnection.ClearAllPools();
                Directory.Delete(directory, recursive: true);
                return Task.CompletedTask;
            };
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable("FOERDERWORKFLOW_TEST_POSTGRES")
                ?? throw new InvalidOperationException("Set FOERDERWORKFLOW_TEST_POSTGRES (see ops/test.sh).");
            var name = "fw_bench_" + Guid.NewGuid().ToString("N");
            await ExecuteAsync(admin, $"CREATE DATABASE {name}");
            options = new WorkflowStoreOptions { Provider = provider, ConnectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString };
            drop = async () =>
            {
                NpgsqlConnection.ClearAllPools();
                await ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
            };
        }

        var services = new ServiceCollection().AddWorkflowStore(options).BuildServiceProvider();
        await services.MigrateWorkflowStoreAsync();
        var target = new BenchmarkTarget(options, services, drop);
        await target.definitions.PublishAsync(Flowchart());
        return target;
    }

    /// <summary>The baseline: one single-row INSERT per transaction, on one connection.</summary>
    public async Task<double> RawInsertsAsync(int count)
    {
        await using var connection = OpenRaw();
        await connection.OpenAsync();
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS raw_baseline (id TEXT PRIMARY KEY, payload TEXT NOT NULL)");
        if (connection is SqliteConnection)
        {
            await ExecuteAsync(connection, $"PRAGMA synchronous = {options.SqliteSynchronous.ToString().ToUpperInvariant()}");
        }

        await using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO raw_baseline (id, payload) VALUES (@id, @payload)";
        var id = command.CreateParameter();
        id.ParameterName = "@id";
        var payload = command.CreateParameter();
        payload.ParameterName = "@payload";
        payload.Value = "{\"amount\":1250}";
        command.Parameters.Add(id);
        command.Parameters.Add(payload);
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            command.Transaction = transaction;
            id.Value = Guid.CreateVersion7().ToString("N");
            await command.ExecuteNonQueryAsync();
            await transaction.CommitAsync();
        }

        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>
    /// Store commits shaped like a resume: consume a bookmark, update the instance, add the next bookmark, three
    /// journal entries and one outbox message.
    /// </summary>
    public async Task<double> ResumeCommitsAsync(int count, int writers)
    {
        var now = DateTimeOffset.UtcNow;
        var prepared = new List<(WorkflowInstance Instance, Bookmark Bookmark)>(count);
        for (var i = 0; i < count; i++)
        {
            var instance = new WorkflowInstance
            {
                Id = Guid.CreateVersion7().ToString("N"),
                DefinitionId = DefinitionId,
                DefinitionVersionId = "v1",
                DefinitionVersion = 1,
                CorrelationId = $"A-{i}",
                Status = WorkflowStatus.Suspended,
                CreatedAt = now,
                UpdatedAt = now,
            };
            instance.State.Variables["amount"] = 1250;
            instance.State.Variables["applicant"] = "Jugendclub Süd e. V.";
            var bookmark = NewBookmark(instance, "wait", EventActivityName, new JsonObject { ["eventName"] = "Go", ["correlationId"] = instance.CorrelationId }, now);
            await Store.CommitAsync(new BurstCommit(instance, true, null, [bookmark], [], [Entry(instance, "start", now), Entry(instance, "wait", now)], [], false, [], []));
            prepared.Add((instance, bookmark));
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, writers).Select(w => Task.Run(async () =>
        {
            for (var i = w; i < prepared.Count; i += writers)
            {
                var (instance, consumed) = prepared[i];
                instance.State.Bookmarks.Clear();
                var next = NewBookmark(instance, "review", "Foerderworkflow.HumanTask", new JsonObject { ["assigneeRole"] = "kuf", ["title"] = "Prüfen" }, now);
                instance.UpdatedAt = now;
                await Store.CommitAsync(new BurstCommit(
                    instance,
                    false,
                    consumed.Id,
                    [next],
                    [],
                    [Entry(instance, "wait", now), Entry(instance, "publish", now), Entry(instance, "review", now)],
                    [],
                    false,
                    [new OutboxMessage(Guid.CreateVersion7().ToString("N"), instance.Id, instance.CorrelationId, "Test.Went", new JsonObject { ["applicationId"] = instance.CorrelationId }, now)],
                    []));
            }
        })));
        return count / watch.Elapsed.TotalSeconds;
    }

    /// <summary>End to end through <see cref="WorkflowRuntime.ResumeAsync"/>: load bookmark, instance, definition; run; commit.</summary>
    public async Task<double> RuntimeResumesAsync(int count, int callers)
    {
        var bookmarks = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            var started = await runtime.StartAsync(DefinitionId, correlationId: $"R-{i}");
            bookmarks.Add(started.NewBookmarks[0].Id);
        }

        var watch = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(c => Task.Run(async () =>
        {
            for (var i = c; i < bookmarks.Count; i += callers)
            {
                await runtime.ResumeAsync(bookmarks[i]);
            }
        })));
        return count / watch.Elapsed.TotalSeconds;
    }

    public async ValueTask DisposeAsync()
    {
        definitions.Dispose();
        await services.DisposeAsync();
        await drop();
    }

    private const string EventActivityName = "Elsa.Event";

    private DbConnection OpenRaw() => options.Provider == WorkflowStoreProvider.Sqlite
        ? new SqliteConnection(options.ConnectionString)
        : new NpgsqlConnection(options.ConnectionString);

    private static Bookmark NewBookmark(WorkflowInstance instance, string activityId, string name, JsonObject payload, DateTimeOffset now)
    {
        var bookmark = new Bookmark(Guid.CreateVersion7().ToString("N"), instance.Id, activityId, name, Bookmark.ComputeHash(name, payload), payload, now);
        instance.State.Bookmarks.Add(new ActiveBookmark(bookmark.Id, activityId, name));
        return bookmark;
    }

    private static JournalEntry Entry(WorkflowInstance instance, string activityId, DateTimeOffset now) => new(instance.Id, activityId, "Benchmark", "Done", now);

    private static JsonObject Flowchart() => new()
    {
        ["definitionId"] = DefinitionId,
        ["name"] = "Benchmark",
        ["root"] = new JsonObject
        {
            ["id"] = "flowchart1",
            ["type"] = "Elsa.Flowchart",
            ["activities"] = new JsonArray(
                new JsonObject { ["id"] = "start", ["type"] = "Elsa.Start" },
                new JsonObject { ["id"] = "wait", ["type"] = "Elsa.Event", ["eventName"] = Literal("Go") },
                new JsonObject { ["id"] = "publish", ["type"] = "Foerderworkflow.PublishMessage", ["messageType"] = Literal("Test.Went") },
                new JsonObject { ["id"] = "review", ["type"] = "Foerderworkflow.HumanTask", ["assigneeRole"] = Literal("kuf"), ["title"] = Literal("Prüfen"), ["possibleOutcomes"] = Literal("Approved,Rejected") }),
            ["connections"] = new JsonArray(Connection("start", "wait"), Connection("wait", "publish"), Connection("publish", "review")),
        },
    };

    private static JsonObject Literal(string value) => new() { ["typeName"] = "String", ["expression"] = new JsonObject { ["type"] = "Literal", ["value"] = value } };

    private static JsonObject Connection(string source, string target) => new()
    {
        ["source"] = new JsonObject { ["activity"] = source, ["port"] = "Done" },
        ["target"] = new JsonObject { ["activity"] = target, ["port"] = "In" },
    };

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, sql);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

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
