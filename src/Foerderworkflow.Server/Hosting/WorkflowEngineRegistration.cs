using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Timers;
using Foerderworkflow.Funding;
using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Scheduling;
using Microsoft.Data.Sqlite;

namespace Foerderworkflow.Server.Hosting;

/// <summary>Wires the engine, its store and its background loops (timers, outbox) into the host; the outbox's transport comes from <c>AddMessaging</c>.</summary>
internal static class WorkflowEngineRegistration
{
    public static WebApplicationBuilder AddWorkflowEngine(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddWorkflowStore(StoreOptions(builder.Configuration));

        // Funding register, budgets and file numbers in the workflow database, projected inside each burst's transaction.
        services.AddFundingStore(o =>
        {
            o.SeedDemoData = builder.Configuration.GetValue("Funding:SeedDemoData", defaultValue: false);
            o.RetentionYears = builder.Configuration.GetValue("Funding:RetentionYears", defaultValue: 10);
        });
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => ActivityRegistry.WithBuiltIns().RegisterAssemblyOf<FundingAssembly>());
        var javaScriptLimits = JavaScriptLimits(builder.Configuration);
        services.AddSingleton(sp => new JavaScriptEvaluator(javaScriptLimits, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<FlowchartCompiler>();
        services.AddSingleton<WorkflowDefinitionService>();
        services.AddSingleton<WorkflowRuntime>();

        if (TimerSchedulerKind(builder.Configuration) == "POLLING")
        {
            // The in-process single-node loop: a fallback and a test aid.
            services.AddSingleton<PollingTimerScheduler>();
            services.AddSingleton<ITimerScheduler>(sp => sp.GetRequiredService<PollingTimerScheduler>());
            services.AddHostedService<TimerService>();
        }
        else
        {
            services.AddQuartzTimerScheduler(QuartzOptions(builder.Configuration));
        }

        services.AddSingleton<OutboxRelay>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddHostedService<OutboxRelayService>();
        return builder;
    }

    public static async Task PrepareWorkflowStoreAsync(this WebApplication app)
    {
        await app.Services.MigrateWorkflowStoreAsync(app.Lifetime.ApplicationStopping);
        await app.Services.MigrateFundingStoreAsync(app.Lifetime.ApplicationStopping);
        await app.Services.MigrateSignInLinkStoreAsync(app.Lifetime.ApplicationStopping);
    }

    /// <summary>
    /// <c>Workflow:JavaScript:Timeout</c>, <c>MaxStatements</c>, <c>MaxAllocatedBytes</c>, <c>MaxRecursionDepth</c>,
    /// <c>MaxArrayLength</c>; unset keys keep the defaults. Read while the host is built, so a bad limit stops the start.
    /// </summary>
    private static JavaScriptLimits JavaScriptLimits(ConfigurationManager configuration)
    {
        var section = configuration.GetSection("Workflow:JavaScript");
        var defaults = new JavaScriptLimits();
        return new JavaScriptLimits
        {
            Timeout = section.GetValue("Timeout", defaults.Timeout),
            MaxStatements = section.GetValue("MaxStatements", defaults.MaxStatements),
            MaxAllocatedBytes = section.GetValue("MaxAllocatedBytes", defaults.MaxAllocatedBytes),
            MaxRecursionDepth = section.GetValue("MaxRecursionDepth", defaults.MaxRecursionDepth),
            MaxArrayLength = section.GetValue("MaxArrayLength", defaults.MaxArrayLength),
        }.Validate();
    }

    /// <summary><c>Timers:Scheduler</c>: <c>Quartz</c> (default) or <c>Polling</c>.</summary>
    private static string TimerSchedulerKind(ConfigurationManager configuration)
    {
        var kind = (configuration["Timers:Scheduler"] ?? "Quartz").Trim().ToUpperInvariant();
        return kind is "QUARTZ" or "POLLING"
            ? kind
            : throw new InvalidOperationException($"Timers:Scheduler must be Quartz or Polling, not '{configuration["Timers:Scheduler"]}'.");
    }

    /// <summary>
    /// Quartz's store follows the workflow store: on SQLite its own file beside the workflow database (Quartz's locks
    /// and the engine's commits do not wait on one another; deleting it is a safe reset, the reconciler rebuilds it);
    /// on PostgreSQL its <c>qrtz_*</c> tables in the workflow database, clustered. <c>ConnectionStrings:Quartz</c>
    /// overrides the location; <c>Timers:Quartz:*</c> tunes the rest.
    /// </summary>
    private static QuartzTimerOptions QuartzOptions(ConfigurationManager configuration)
    {
        var store = StoreOptions(configuration);
        var section = configuration.GetSection("Timers:Quartz");
        var postgres = store.Provider == WorkflowStoreProvider.PostgreSql;
        var options = new QuartzTimerOptions
        {
            Provider = postgres ? QuartzStoreProvider.PostgreSql : QuartzStoreProvider.Sqlite,
            ConnectionString = configuration.GetConnectionString("Quartz") ?? (postgres ? store.ConnectionString : SiblingSqliteFile(store.ConnectionString)),
            Clustered = section.GetValue("Clustered", postgres),
            InstanceId = section["InstanceId"],
        };
        options.MaxConcurrency = section.GetValue("MaxConcurrency", options.MaxConcurrency);
        options.FireParallelism = section.GetValue("FireParallelism", options.FireParallelism);
        options.ReconcileInterval = section.GetValue("ReconcileInterval", options.ReconcileInterval);
        options.Window = section.GetValue("Window", options.Window);
        options.MisfireThreshold = section.GetValue("MisfireThreshold", options.MisfireThreshold);
        options.ClusterCheckinInterval = section.GetValue("ClusterCheckinInterval", options.ClusterCheckinInterval);
        return options;
    }

    /// <summary><c>Data Source=./data/foerderworkflow.db</c> → <c>Data Source=./data/foerderworkflow.quartz.db</c>.</summary>
    private static string SiblingSqliteFile(string workflowConnectionString)
    {
        var builder = new SqliteConnectionStringBuilder(workflowConnectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            throw new InvalidOperationException("An in-memory workflow database has no file beside it for Quartz: set ConnectionStrings:Quartz or Timers:Scheduler=Polling.");
        }

        var path = builder.DataSource;
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(Path.GetDirectoryName(path) ?? "", Path.GetFileNameWithoutExtension(path) + ".quartz" + Path.GetExtension(path)),
        }.ConnectionString;
    }

    /// <summary>Reads <c>Workflow:Store</c>, <c>ConnectionStrings:Workflow</c> and <c>Workflow:SqliteSynchronous</c>.</summary>
    private static WorkflowStoreOptions StoreOptions(ConfigurationManager configuration) => new()
    {
        Provider = WorkflowStoreOptions.ParseProvider(configuration["Workflow:Store"] ?? "Sqlite"),
        ConnectionString = configuration.GetConnectionString("Workflow") ?? WorkflowStoreOptions.DefaultSqliteConnectionString,
        SqliteSynchronous = Enum.Parse<SqliteSynchronousMode>(configuration["Workflow:SqliteSynchronous"] ?? nameof(SqliteSynchronousMode.Full), ignoreCase: true),
    };
}
