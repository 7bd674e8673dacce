namespace Foerderworkflow.Scheduling;

/// <summary>Where Quartz keeps its jobs and how this node takes part in the cluster.</summary>
public sealed class QuartzTimerOptions
{
    /// <summary>The Quartz job group of single workflow timers (handed over late, or retried); each job is named by its timer's id.</summary>
    public const string JobGroup = "workflow-timers";

    /// <summary>The Quartz job group of due seconds; each job is named by its <see cref="DueSecond"/> and fires every timer due in it.</summary>
    public const string SecondGroup = "workflow-timer-seconds";

    public QuartzStoreProvider Provider { get; set; } = QuartzStoreProvider.Sqlite;

    /// <summary>Connection string of Quartz's own tables (<c>qrtz_*</c>).</summary>
    public string ConnectionString { get; set; } = "";

    /// <summary>Takes part in a cluster with every scheduler on the same database (PostgreSQL only).</summary>
    public bool Clustered { get; set; }

    /// <summary>The scheduler's name; every node of one cluster uses the same.</summary>
    public string SchedulerName { get; set; } = "foerderworkflow-timers";

    /// <summary>This node's id in the cluster; <see langword="null"/> generates one (host name and time).</summary>
    public string? InstanceId { get; set; }

    /// <summary>How many timer jobs one node runs at the same time.</summary>
    public int MaxConcurrency { get; set; } = 8;

    /// <summary>How many timers of one due second are fired at the same time (each a resume and a commit; commits that meet share a transaction).</summary>
    public int FireParallelism { get; set; } = 32;

    /// <summary>How many timers of one due second are read from the workflow store per page.</summary>
    public int FirePageSize { get; set; } = 1000;

    /// <summary>How often the reconciler compares stored timers and Quartz jobs (it also runs at start-up).</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Only timers due within this span from now are Quartz jobs; the reconciler arms the rest as they come into it,
    /// so it must be longer than <see cref="ReconcileInterval"/>.
    /// </summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How many timers and job names the reconciler reads per page (it never holds all of them).</summary>
    public int ReconcilePageSize { get; set; } = 1000;

    /// <summary>A trigger later than this counts as misfired and fires once now ("fire now"); earlier it fires as planned.</summary>
    public TimeSpan MisfireThreshold { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How often a clustered node records that it is alive; a dead node's triggers are recovered after a few of these.</summary>
    public TimeSpan ClusterCheckinInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>How long after a missed check-in another node takes over; <see langword="null"/> keeps Quartz's default.</summary>
    public TimeSpan? ClusterCheckinMisfireThreshold { get; set; }

    public void Validate()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            throw new InvalidOperationException("Quartz needs a connection string (ConnectionStrings:Quartz, or the workflow store's).");
        }

        if (Clustered && Provider != QuartzStoreProvider.PostgreSql)
        {
            throw new InvalidOperationException("A clustered Quartz store needs PostgreSQL; SQLite serves one node.");
        }

        if (MaxConcurrency < 1 || FireParallelism < 1 || FirePageSize < 1 || ReconcileInterval <= TimeSpan.Zero || MisfireThreshold <= TimeSpan.Zero || ReconcilePageSize < 1)
        {
            throw new InvalidOperationException("Quartz timer options: MaxConcurrency, FireParallelism, FirePageSize, ReconcileInterval, MisfireThreshold and ReconcilePageSize must be positive.");
        }

        if (Window <= ReconcileInterval)
        {
            throw new InvalidOperationException("Quartz timer options: Window must be longer than ReconcileInterval, or a timer could fall due before a pass arms it.");
        }
    }
}

public enum QuartzStoreProvider
{
    Sqlite,
    PostgreSql,
}
