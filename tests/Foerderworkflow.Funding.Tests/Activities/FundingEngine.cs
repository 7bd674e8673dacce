using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Contracts;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Engine.Timers;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Funds;
using Foerderworkflow.Funding.Reminders;
using Foerderworkflow.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Foerderworkflow.Funding.Tests.Activities;

/// <summary>The stores the funding workflows are tested on.</summary>
public enum StoreKind
{
    /// <summary>A SQLite file in a temporary directory.</summary>
    Sqlite,

    /// <summary>A fresh database on the server named by <c>FOERDERWORKFLOW_TEST_POSTGRES</c>, dropped afterwards.</summary>
    PostgreSql,
}

/// <summary>
/// A migrated workflow store: a SQLite file in a temporary directory, or a PostgreSQL database of its own (created
/// through <c>FOERDERWORKFLOW_TEST_POSTGRES</c>, dropped on dispose). Without the variable the PostgreSQL tests fail;
/// they never skip silently.
/// </summary>
public sealed class FundingStore : IAsyncDisposable
{
    private readonly string directory;
    private readonly TestDatabase? postgresDatabase;

    private FundingStore(ServiceProvider services, string directory, TestDatabase? postgresDatabase)
    {
        Services = services;
        this.directory = directory;
        this.postgresDatabase = postgresDatabase;
    }

    public ServiceProvider Services { get; }

    public IWorkflowStore Store => Services.GetRequiredService<IWorkflowStore>();

    public static async Task<FundingStore> CreateAsync(StoreKind kind)
    {
        var directory = Path.Combine(Path.GetTempPath(), "foerderworkflow-funding-tests", Guid.NewGuid().ToString("N"));
        TestDatabase? database = null;
        WorkflowStoreOptions options;
        if (kind == StoreKind.PostgreSql)
        {
            database = await TestPostgres.CreateDatabaseAsync("fw_funding_");
            options = new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = database.ConnectionString };
        }
        else
        {
            options = new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(directory, "store.db")}" };
        }

        var services = new ServiceCollection().AddWorkflowStore(options).BuildServiceProvider();
        await services.MigrateWorkflowStoreAsync();
        return new FundingStore(services, directory, database);
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (postgresDatabase is not null)
        {
            await postgresDatabase.DisposeAsync();
        }

        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}

/// <summary>One store per test class (creating a PostgreSQL database and migrating it per test would dominate the run).</summary>
public abstract class FundingStoreFixture : IAsyncLifetime
{
    public FundingStore Shared { get; private set; } = null!;

    protected abstract StoreKind Kind { get; }

    public async Task InitializeAsync() => Shared = await FundingStore.CreateAsync(Kind);

    public async Task DisposeAsync() => await Shared.DisposeAsync();
}

public sealed class SqliteFundingStoreFixture : FundingStoreFixture
{
    protected override StoreKind Kind => StoreKind.Sqlite;
}

public sealed class PostgreSqlFundingStoreFixture : FundingStoreFixture
{
    protected override StoreKind Kind => StoreKind.PostgreSql;
}

/// <summary>
/// The real engine on a migrated store with the full activity registry and a manual clock. Engines of one test class
/// may share a store: each sees only the instances it started (their messages and timers), so tests stay independent.
/// </summary>
public sealed class FundingEngine : IAsyncDisposable
{
    /// <summary>Monday, 2 March 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions ContractJson = new(JsonSerializerDefaults.Web) { RespectRequiredConstructorParameters = true };
    private readonly FundingStore store;
    private readonly bool ownsStore;
    private readonly HashSet<string> instances = new(StringComparer.Ordinal);

    private FundingEngine(FundingStore store, bool ownsStore)
    {
        this.store = store;
        this.ownsStore = ownsStore;
        Compiler = new FlowchartCompiler(Registry(), new JavaScriptEvaluator());
        Definitions = new WorkflowDefinitionService(Store, Compiler, Clock);
        Runtime = new WorkflowRuntime(Store, Compiler, new JavaScriptEvaluator(), Clock, new NoTimers(), new NoSignal());
    }

    public FakeTimeProvider Clock { get; } = new(Start);

    public IWorkflowStore Store => store.Store;

    public FlowchartCompiler Compiler { get; }

    public WorkflowDefinitionService Definitions { get; }

    public WorkflowRuntime Runtime { get; }

    public static ActivityRegistry Registry() => ActivityRegistry.WithBuiltIns().RegisterAssemblyOf<FundingAssembly>();

    public static string WorkflowFile(string name) => Path.Combine(AppContext.BaseDirectory, "workflows", name);

    /// <summary>An engine on a SQLite store of its own.</summary>
    public static Task<FundingEngine> CreateAsync(params string[] workflows) => CreateAsync(StoreKind.Sqlite, workflows);

    /// <summary>An engine on a store of its own, deleted on dispose.</summary>
    public static async Task<FundingEngine> CreateAsync(StoreKind kind, params string[] workflows) =>
        await PublishAsync(new FundingEngine(await FundingStore.CreateAsync(kind), ownsStore: true), workflows);

    /// <summary>An engine on a store shared with other engines (a test class's fixture); it publishes the workflows again as new versions.</summary>
    public static Task<FundingEngine> CreateAsync(FundingStore shared, params string[] workflows) =>
        PublishAsync(new FundingEngine(shared, ownsStore: false), workflows);

    private static async Task<FundingEngine> PublishAsync(FundingEngine engine, string[] workflows)
    {
        foreach (var workflow in workflows)
        {
            var document = JsonNode.Parse(await File.ReadAllTextAsync(WorkflowFile(workflow)))!.AsObject();
            await engine.Definitions.PublishAsync(document);
        }

        return engine;
    }

    public static ApplicationCase Application(decimal requested = 2_000m, IReadOnlyList<CaseCostLine>? costLines = null) => new()
    {
        CostLines = costLines,
        ApplicationId = "AIF-2026-0042",
        FileNumber = "AIF-2026-0042",
        BudgetYear = 2026,
        ApplicantName = "Bunt statt braun e. V.",
        ApplicantEmail = "kontakt@buntstattbraun.example",
        Title = "Demokratiefest im Stadtteil",
        RequestedAmount = requested,
        ProjectStart = new DateOnly(2026, 5, 1),
        ProjectEnd = new DateOnly(2026, 9, 30),
    };

    public Task<string> StartAsync(string definitionId, ApplicationCase application, Fund? fund = null) =>
        StartAsync(definitionId, application, FundSettings.From(fund ?? DemoFunds.ActionFund(2026)));

    public async Task<string> StartAsync(string definitionId, ApplicationCase application, FundSettings fund)
    {
        var input = new JsonObject
        {
            ["application"] = FundingVariables.ToJson(application),
            ["fund"] = FundingVariables.ToJson(fund),
        };
        var result = await Runtime.StartAsync(definitionId, input, application.FileNumber);
        Assert.Empty(result.Incidents);
        instances.Add(result.InstanceId);
        return result.InstanceId;
    }

    /// <summary>
    /// The open funding task of <paramref name="step"/> (asserts there is exactly one, and no incident). Other tasks may
    /// be open beside it, e.g. the applicant's standing withdrawal; reminder rungs are not tasks. When the step waits for
    /// more than one role (the proof of use after the last dunning), <paramref name="role"/> picks the task.
    /// </summary>
    public async Task<Bookmark> TaskAsync(string instanceId, string step, string role = FundingTaskActivity.ApplicantRole)
    {
        var tasks = await TasksAsync(instanceId);
        var matching = tasks.Where(b => b.Payload["step"]!.GetValue<string>() == $"Foerderworkflow.Funding.{step}").ToList();
        if (matching.Count > 1)
        {
            matching = [.. matching.Where(b => b.Payload["assigneeRole"]!.GetValue<string>() == role)];
        }

        Assert.True(matching.Count == 1, $"Expected one open '{step}', found the open steps [{string.Join(", ", tasks.Select(Step))}].");
        return matching[0];
    }

    /// <summary>The open funding tasks of the instance (asserts there is no incident and no bookmarks but tasks and reminder rungs).</summary>
    public async Task<IReadOnlyList<Bookmark>> TasksAsync(string instanceId)
    {
        var details = await Store.GetInstanceDetailsAsync(instanceId) ?? throw new InvalidOperationException("No instance.");
        Assert.Empty(details.Incidents);
        Assert.All(details.Bookmarks, b => Assert.True(
            b.Name is FundingTaskActivity.BookmarkName or ReminderBookmarks.BookmarkName or GrantAcceptanceActivity.RetrievalLapseBookmark or Engine.Activities.BuiltIn.EventActivity.BookmarkName,
            $"Unexpected bookmark {b.Name}."));
        return [.. details.Bookmarks.Where(b => b.Name == FundingTaskActivity.BookmarkName)];
    }

    /// <summary>The short step names of the open tasks, ordered, e.g. <c>["ProjectExecution", "Withdrawal"]</c>.</summary>
    public async Task<List<string>> OpenStepsAsync(string instanceId) =>
        [.. (await TasksAsync(instanceId)).Select(Step).Order(StringComparer.Ordinal)];

    private static string Step(Bookmark bookmark) => bookmark.Payload["step"]!.GetValue<string>().Replace("Foerderworkflow.Funding.", "", StringComparison.Ordinal);

    /// <summary>Resumes the open task, which must be <paramref name="step"/>, with <paramref name="input"/> given as JSON.</summary>
    public async Task<RunResult> CompleteAsync(string instanceId, string step, string input)
    {
        var bookmark = await TaskAsync(instanceId, step);
        var result = await Runtime.ResumeAsync(bookmark.Id, JsonNode.Parse(input)!.AsObject());
        Assert.Empty(result.Incidents);
        return result;
    }

    public async Task<WorkflowStatus> StatusAsync(string instanceId) => (await Store.FindInstanceAsync(instanceId))!.Status;

    /// <summary>
    /// The outbox messages of this engine's instances committed since the last call, in order; each payload must
    /// deserialize into its contract.
    /// </summary>
    public async Task<List<(string Type, JsonObject Payload)>> TakeMessagesAsync()
    {
        var pending = (await Store.FetchPendingMessagesAsync(10_000)).Where(p => instances.Contains(p.Message.InstanceId)).ToList();
        if (pending.Count > 0)
        {
            await Store.MarkMessagesSentAsync([.. pending.Select(p => p.Sequence)], Clock.GetUtcNow());
        }

        foreach (var message in pending)
        {
            Assert.True(MessageTypes.TryGetType(message.Message.MessageType, out var contract), $"Unknown message type {message.Message.MessageType}.");
            Assert.NotNull(message.Message.Payload.Deserialize(contract, ContractJson));
        }

        return [.. pending.Select(p => (p.Message.MessageType, p.Message.Payload))];
    }

    /// <summary>
    /// Fires every timer of this engine's instances due at the clock's time through the runtime, as the scheduler would;
    /// returns how many resumed a step (a timer whose bookmark was answered or cancelled does nothing).
    /// </summary>
    public async Task<int> FireDueTimersAsync()
    {
        var fired = 0;
        foreach (var timer in (await Store.FindDueTimersAsync(Clock.GetUtcNow(), 10_000)).Where(t => instances.Contains(t.InstanceId)))
        {
            if (await Runtime.FireTimerAsync(timer) is { } result)
            {
                Assert.Empty(result.Incidents);
                fired++;
            }
        }

        return fired;
    }

    /// <summary>A workflow variable of the instance as stored.</summary>
    public async Task<JsonNode?> VariableAsync(string instanceId, string name) =>
        (await Store.FindInstanceAsync(instanceId))!.State.Variables[name]?.DeepClone();

    public async ValueTask DisposeAsync()
    {
        Definitions.Dispose();
        if (ownsStore)
        {
            await store.DisposeAsync();
        }
    }

    private sealed class NoTimers : ITimerScheduler
    {
        public void OnTimersCommitted(IReadOnlyList<WorkflowTimer> timers)
        {
        }
    }

    private sealed class NoSignal : IOutboxSignal
    {
        public void OnMessagesCommitted()
        {
        }
    }
}
