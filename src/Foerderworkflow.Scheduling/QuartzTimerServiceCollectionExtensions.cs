using Foerderworkflow.Engine.Timers;
using Microsoft.Extensions.DependencyInjection;
using Quartz;

namespace Foerderworkflow.Scheduling;

public static class QuartzTimerServiceCollectionExtensions
{
    /// <summary>
    /// Registers Quartz with a persistent store (SQLite, or PostgreSQL optionally clustered; tables created at start),
    /// <see cref="QuartzTimerScheduler"/> as the <see cref="ITimerScheduler"/>, the <see cref="TimerReconciler"/> and
    /// the hosted service that runs them, and the <see cref="QuartzHealthCheck"/> (tag <c>ready</c>). Needs <see cref="Engine.Storage.IWorkflowStore"/>,
    /// <see cref="Engine.Runtime.WorkflowRuntime"/> and <see cref="TimeProvider"/> registered.
    /// </summary>
    public static IServiceCollection AddQuartzTimerScheduler(this IServiceCollection services, QuartzTimerOptions options)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        services.AddSingleton(options);
        services.AddQuartz(q =>
        {
            q.ConfigureScheduler(s =>
            {
                s.InstanceName = options.SchedulerName;
                if (options.InstanceId is { } id)
                {
                    s.InstanceId = id;
                }
                else
                {
                    s.GenerateInstanceId = true;
                }
            });
            q.UseDefaultThreadPool(options.MaxConcurrency);
            q.UsePersistentStore(store =>
            {
                store.UseSystemTextJsonSerializer();
                if (options.Provider == QuartzStoreProvider.PostgreSql)
                {
                    store.UsePostgres(options.ConnectionString);
                }
                else
                {
                    store.UseSqlite(options.ConnectionString);
                }

                if (options.Clustered)
                {
                    store.UseClustering(c =>
                    {
                        c.CheckinInterval = options.ClusterCheckinInterval;
                        if (options.ClusterCheckinMisfireThreshold is { } threshold)
                        {
                            c.CheckinMisfireThreshold = threshold;
                        }
                    });
                }

                store.ConfigureStore(o => o.MisfireThreshold = options.MisfireThreshold);
                store.ProvisionSchema();
            });
        });

        services.AddSingleton<QuartzTimerScheduler>();
        services.AddSingleton<ITimerScheduler>(sp => sp.GetRequiredService<QuartzTimerScheduler>());
        services.AddSingleton<TimerFiring>();
        services.AddSingleton<TimerReconciler>();
        services.AddHostedService<QuartzTimerService>();
        services.AddHealthChecks().AddCheck<QuartzHealthCheck>(QuartzHealthCheck.Name, tags: ["ready"]);
        return services;
    }
}
