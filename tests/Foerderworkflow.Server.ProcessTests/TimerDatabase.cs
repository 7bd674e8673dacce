using System.Globalization;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Engine.Timers;
using Foerderworkflow.Scheduling;
using Foerderworkflow.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Quartz;

namespace Foerderworkflow.Server.ProcessTests;

/// <summary>
/// A fresh PostgreSQL database (server named by <c>FOERDERWORKFLOW_TEST_POSTGRES</c>) with the workflow schema, and
/// the engine in this test process on it: it commits instances whose timers the server processes must fire (their
/// reconcilers arm every stored timer within a second), and reads what happened from the store.
/// </summary>
public sealed class TimerDatabase : IAsyncDisposable
{
    private readonly TestDatabase database;
    private readonly ServiceProvider services;

    private TimerDatabase(TestDatabase database, ServiceProvider services)
    {
        this.database = database;
        this.services = services;
        var javaScript = new JavaScriptEvaluator();
        var compiler = new FlowchartCompiler(ActivityRegistry.WithBuiltIns(), javaScript);
        Definitions = new WorkflowDefinitionService(Store, compiler, TimeProvider.System);

        // Commits only: the servers, not this process, hand the timers to Quartz.
        Runtime = new WorkflowRuntime(Store, compiler, javaScript, TimeProvider.System, new CommitOnly(), new CommitOnly());
    }

    public string ConnectionString => database.ConnectionString;

    public IWorkflowStore Store => services.GetRequiredService<IWorkflowStore>();

    public WorkflowDefinitionService Definitions { get; }

    public WorkflowRuntime Runtime { get; }

    public static async Task<TimerDatabase> CreateAsync()
    {
        var database = await TestPostgres.CreateDatabaseAsync("fw_process_");
        var services = new ServiceCollection()
            .AddWorkflowStore(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = database.ConnectionString })
            .BuildServiceProvider();
        await services.MigrateWorkflowStoreAsync();
        return new TimerDatabase(database, services);
    }

    /// <summary>Publishes Start → StartAt(<paramref name="dueAt"/>) → End and starts <paramref name="count"/> instances of it.</summary>
    public async Task<List<string>> StartTimersAsync(string definitionId, DateTimeOffset dueAt, int count)
    {
        await Definitions.PublishAsync(FlowchartJson.StartAt(definitionId, dueAt));
        var ids = new List<string>(count);
        for (var i = 0; i < count; i++)
        {
            ids.Add((await Runtime.StartAsync(definitionId)).InstanceId);
        }

        return ids;
    }

    /// <summary>How often the timer activity of each instance was resumed (the journal's "Done" entries of "wait").</summary>
    public async Task<Dictionary<string, int>> FiringsAsync(IEnumerable<string> instanceIds)
    {
        var firings = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var id in instanceIds)
        {
            var details = await Store.GetInstanceDetailsAsync(id) ?? throw new InvalidOperationException($"No instance {id}.");
            firings[id] = details.Journal.Count(j => j.ActivityId == "wait" && j.Outcome == Activity.DoneOutcome);
        }

        return firings;
    }

    public async Task<bool> AllFinishedAsync(IEnumerable<string> instanceIds)
    {
        foreach (var id in instanceIds)
        {
            if ((await Store.FindInstanceAsync(id))?.Status != WorkflowStatus.Finished)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether Quartz holds the job of the due second of <paramref name="dueAt"/> (a server has armed the timers due
    /// then). The job is named by the second in UTC, <c>yyyyMMddTHHmmssZ</c> (Scheduling's <c>DueSecond</c>).
    /// </summary>
    public async Task<bool> SecondArmedAsync(DateTimeOffset dueAt)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var exists = new NpgsqlCommand("SELECT to_regclass('qrtz_job_details') IS NOT NULL", connection);
        if (!(bool)(await exists.ExecuteScalarAsync())!)
        {
            return false;
        }

        var second = dueAt.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        await using var command = new NpgsqlCommand("SELECT count(*) FROM qrtz_job_details WHERE job_group = 'workflow-timer-seconds' AND job_name = @second", connection);
        command.Parameters.AddWithValue("second", second);
        return (long)(await command.ExecuteScalarAsync())! == 1;
    }

    /// <summary>
    /// Hands every stored timer to Quartz (on the cluster's tables) through a scheduler in this process that is never
    /// started: the jobs are stored as a server leaves them, yet no node can fire them. A node that must be down while
    /// a due date passes then is down for certain, however slow the machine, instead of "killed before it gets there".
    /// </summary>
    /// <returns>The number of Quartz jobs created.</returns>
    public async Task<int> ArmWithoutRunningAsync()
    {
        var options = new QuartzTimerOptions
        {
            Provider = QuartzStoreProvider.PostgreSql,
            ConnectionString = ConnectionString,
            Clustered = true,
            InstanceId = "arming-only",
            MisfireThreshold = TimeSpan.FromSeconds(1),
        };
        await using var arming = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System).AddQuartzTimerScheduler(options).BuildServiceProvider();
        var scheduler = await arming.GetRequiredService<ISchedulerFactory>().GetScheduler();
        try
        {
            return await arming.GetRequiredService<QuartzTimerScheduler>().ScheduleAsync(await Store.ListTimersDueAsync(null, DateTimeOffset.MaxValue, 1000));
        }
        finally
        {
            await scheduler.Shutdown(waitForJobsToComplete: false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Definitions.Dispose();
        await services.DisposeAsync();
        await database.DisposeAsync();
    }

    private sealed class CommitOnly : ITimerScheduler, IOutboxSignal
    {
        public void OnTimersCommitted(IReadOnlyList<WorkflowTimer> timers)
        {
        }

        public void OnMessagesCommitted()
        {
        }
    }
}
