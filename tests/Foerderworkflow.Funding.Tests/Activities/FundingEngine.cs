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
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Funding.Tests.Activities;

/// <summary>A clock that moves only when the test moves it.</summary>
public sealed class ManualClock(DateTimeOffset start) : TimeProvider
{
    public DateTimeOffset UtcNow { get; private set; } = start;

    public override DateTimeOffset GetUtcNow() => UtcNow;

    public void Advance(TimeSpan delta) => UtcNow += delta;
}

/// <summary>The real engine on a migrated SQLite store in a temporary directory, with the full activity registry and a manual clock.</summary>
public sealed class FundingEngine : IAsyncDisposable
{
    /// <summary>Monday, 2 March 2026, 09:00 UTC.</summary>
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    private static readonly JsonSerializerOptions ContractJson = new(JsonSerializerDefaults.Web) { RespectRequiredConstructorParameters = true };
    private readonly string directory;
    private readonly ServiceProvider services;

    private FundingEngine(ServiceProvider services, string directory)
    {
        this.services = services;
        this.directory = directory;
        Compiler = new FlowchartCompiler(Registry(), new JavaScriptEvaluator());
        Definitions = new WorkflowDefinitionService(Store, Compiler, Clock);
        Runtime = new WorkflowRuntime(Store, Compiler, new JavaScriptEvaluator(), Clock, new NoTimers(), new NoSignal());
    }

    public ManualClock Clock { get; } = new(Start);

    public IWorkflowStore Store => services.GetRequiredService<IWorkflowStore>();

    public FlowchartCompiler Compiler { get; }

    public WorkflowDefinitionService Definitions { get; }

    public WorkflowRuntime Runtime { get; }

    public static ActivityRegistry Registry() => ActivityRegistry.WithBuiltIns().RegisterAssemblyOf<FundingAssembly>();

    public static string WorkflowFile(string name) => Path.Combine(AppContext.BaseDirectory, "workflows", name);

    public static async Task<FundingEngine> CreateAsync(params string[] workflows)
    {
        var directory = Path.Combine(Path.GetTempPath(), "foerderworkflow-funding-tests", Guid.NewGuid().ToString("N"));
        var services = new ServiceCollection()
            .AddWorkflowStore(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.Sqlite, ConnectionString = $"Data Source={Path.Combine(directory, "store.db")}" })
            .BuildServiceProvider();
        await services.MigrateWorkflowStoreAsync();
        var engine = new FundingEngine(services, directory);
        foreach (var workflow in workflows)
        {
            var document = JsonNode.Parse(await File.ReadAllTextAsync(WorkflowFile(workflow)))!.AsObject();
            await engine.Definitions.PublishAsync(document);
        }

        return engine;
    }

    public static ApplicationCase Application(decimal requested = 2_000m) => new()
    {
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

    public async Task<string> StartAsync(string definitionId, ApplicationCase application, Fund? fund = null)
    {
        var input = new JsonObject
        {
            ["application"] = FundingVariables.ToJson(application),
            ["fund"] = FundingVariables.ToJson(FundSettings.From(fund ?? DemoFunds.ActionFund(2026))),
        };
        var result = await Runtime.StartAsync(definitionId, input, application.FileNumber);
        Assert.Empty(result.Incidents);
        return result.InstanceId;
    }

    /// <summary>The one open funding task of the instance for <paramref name="role"/> (reminder rungs aside); asserts which step it is.</summary>
    public async Task<Bookmark> TaskAsync(string instanceId, string step, string role = FundingTaskActivity.ApplicantRole)
    {
        var details = await Store.GetInstanceDetailsAsync(instanceId) ?? throw new InvalidOperationException("No instance.");
        Assert.Empty(details.Incidents);
        var tasks = details.Bookmarks.Where(b => b.Name == FundingTaskActivity.BookmarkName).ToList();
        Assert.Single(tasks.Select(b => b.ActivityId).Distinct());
        var bookmark = Assert.Single(tasks, b => b.Payload["assigneeRole"]!.GetValue<string>() == role || tasks.Count == 1);
        Assert.Equal($"Foerderworkflow.Funding.{step}", bookmark.Payload["step"]!.GetValue<string>());
        return bookmark;
    }

    /// <summary>Resumes the open task, which must be <paramref name="step"/>, with <paramref name="input"/> given as JSON.</summary>
    public async Task<RunResult> CompleteAsync(string instanceId, string step, string input)
    {
        var bookmark = await TaskAsync(instanceId, step);
        var result = await Runtime.ResumeAsync(bookmark.Id, JsonNode.Parse(input)!.AsObject());
        Assert.Empty(result.Incidents);
        return result;
    }

    public async Task<WorkflowStatus> StatusAsync(string instanceId) => (await Store.FindInstanceAsync(instanceId))!.Status;

    /// <summary>The outbox messages committed since the last call, in order; each payload must deserialize into its contract.</summary>
    public async Task<List<(string Type, JsonObject Payload)>> TakeMessagesAsync()
    {
        var pending = await Store.FetchPendingMessagesAsync(1_000);
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

    /// <summary>Fires every timer due at the clock's time through the runtime, as the scheduler would.</summary>
    public async Task<int> FireDueTimersAsync()
    {
        var due = await Store.FindDueTimersAsync(Clock.GetUtcNow(), 100);
        foreach (var timer in due)
        {
            await Runtime.FireTimerAsync(timer);
        }

        return due.Count;
    }

    public async ValueTask DisposeAsync()
    {
        Definitions.Dispose();
        await services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
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
