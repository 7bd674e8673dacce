using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Persistence;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Timers;
using Foerderworkflow.Funding;

namespace Foerderworkflow.Server.Hosting;

/// <summary>Wires the engine, its store and its background loops (timers, outbox) into the host; the outbox's transport comes from <c>AddMessaging</c>.</summary>
internal static class WorkflowEngineRegistration
{
    public static WebApplicationBuilder AddWorkflowEngine(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddWorkflowStore(StoreOptions(builder.Configuration));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(_ => ActivityRegistry.WithBuiltIns().RegisterAssemblyOf<FundingAssembly>());
        services.AddSingleton<JavaScriptEvaluator>();
        services.AddSingleton<FlowchartCompiler>();
        services.AddSingleton<WorkflowDefinitionService>();
        services.AddSingleton<WorkflowRuntime>();

        services.AddSingleton<PollingTimerScheduler>();
        services.AddSingleton<ITimerScheduler>(sp => sp.GetRequiredService<PollingTimerScheduler>());
        services.AddHostedService<TimerService>();

        services.AddSingleton<OutboxRelay>();
        services.AddSingleton<IOutboxSignal>(sp => sp.GetRequiredService<OutboxRelay>());
        services.AddHostedService<OutboxRelayService>();
        return builder;
    }

    public static async Task PrepareWorkflowStoreAsync(this WebApplication app) =>
        await app.Services.MigrateWorkflowStoreAsync(app.Lifetime.ApplicationStopping);

    /// <summary>Reads <c>Workflow:Store</c>, <c>ConnectionStrings:Workflow</c> and <c>Workflow:SqliteSynchronous</c>.</summary>
    private static WorkflowStoreOptions StoreOptions(ConfigurationManager configuration) => new()
    {
        Provider = WorkflowStoreOptions.ParseProvider(configuration["Workflow:Store"] ?? "Sqlite"),
        ConnectionString = configuration.GetConnectionString("Workflow") ?? WorkflowStoreOptions.DefaultSqliteConnectionString,
        SqliteSynchronous = Enum.Parse<SqliteSynchronousMode>(configuration["Workflow:SqliteSynchronous"] ?? nameof(SqliteSynchronousMode.Full), ignoreCase: true),
    };
}
