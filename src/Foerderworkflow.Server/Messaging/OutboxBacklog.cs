using System.Diagnostics.Metrics;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Foerderworkflow.Server.Messaging;

/// <summary>
/// How far the outbox relay is behind: unsent rows and the age of the oldest, sampled from the store (every
/// <see cref="SampleInterval"/> by <see cref="OutboxBacklogSampler"/>, and on demand by the health check and
/// <c>GET /api/operations/outbox</c>). Published as gauges of the meter <c>Foerderworkflow.Outbox</c>
/// (<c>foerderworkflow.outbox.unsent</c>, <c>foerderworkflow.outbox.oldest_age</c>), which the shared telemetry
/// (<c>Foerderworkflow.*</c> meters) exports beside the engine's figures: on <c>/metrics</c> as
/// <c>foerderworkflow_outbox_unsent</c> and <c>foerderworkflow_outbox_oldest_age_seconds</c>, over OTLP when configured.
/// </summary>
internal sealed class OutboxBacklog
{
    public const string MeterName = "Foerderworkflow.Outbox";

    /// <summary>Counting stops here: a backlog this long is an incident whatever its exact size, and counting it would load every row.</summary>
    public const int CountLimit = 1000;

    public static readonly TimeSpan SampleInterval = TimeSpan.FromSeconds(10);

    private readonly IWorkflowStore store;
    private readonly TimeProvider clock;
    private volatile Snapshot last;

    public OutboxBacklog(IWorkflowStore store, TimeProvider clock, IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        this.store = store;
        this.clock = clock;
        last = new Snapshot(0, false, null, clock.GetUtcNow());
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("foerderworkflow.outbox.unsent", () => last.Unsent, "{message}", $"Outbox rows not yet published (counted up to {CountLimit}).");
        meter.CreateObservableGauge("foerderworkflow.outbox.oldest_age", () => last.OldestAge(clock.GetUtcNow()).TotalSeconds, "s", "Age of the oldest unsent outbox row; 0 when none waits.");
    }

    public Snapshot Last => last;

    public async Task<Snapshot> SampleAsync(CancellationToken cancellationToken)
    {
        var pending = await store.FetchPendingMessagesAsync(CountLimit, cancellationToken);
        var snapshot = new Snapshot(pending.Count, pending.Count >= CountLimit, pending.Count > 0 ? pending[0].Message.CreatedAt : null, clock.GetUtcNow());
        last = snapshot;
        return snapshot;
    }

    /// <summary>One look at the outbox.</summary>
    /// <param name="Unsent">Unsent rows, at most <see cref="CountLimit"/>.</param>
    /// <param name="AtLeast">True when the count stopped at the limit.</param>
    /// <param name="OldestCreatedAt">When the oldest unsent row was committed.</param>
    /// <param name="SampledAt">When the store was asked.</param>
    public sealed record Snapshot(int Unsent, bool AtLeast, DateTimeOffset? OldestCreatedAt, DateTimeOffset SampledAt)
    {
        public TimeSpan OldestAge(DateTimeOffset now) => OldestCreatedAt is { } oldest && now > oldest ? now - oldest : TimeSpan.Zero;
    }
}

/// <summary>Keeps the backlog gauges current.</summary>
internal sealed class OutboxBacklogSampler(OutboxBacklog backlog, TimeProvider clock, ILogger<OutboxBacklogSampler> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await backlog.SampleAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Sampling the outbox backlog failed");
            }

            await Task.Delay(OutboxBacklog.SampleInterval, clock, stoppingToken);
        }
    }
}

/// <summary>
/// Part of <c>/health/ready</c>: degraded (still ready, HTTP 200) when the oldest unsent outbox row is older than
/// <c>Messaging:BacklogWarningAge</c> (5 min) — the broker is probably away; the relay keeps retrying.
/// </summary>
internal sealed class OutboxBacklogHealthCheck(OutboxBacklog backlog, MessagingOptions options, TimeProvider clock) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = await backlog.SampleAsync(cancellationToken);
        var age = snapshot.OldestAge(clock.GetUtcNow());
        var data = new Dictionary<string, object>
        {
            ["unsent"] = snapshot.Unsent,
            ["unsentAtLeast"] = snapshot.AtLeast,
            ["oldestAgeSeconds"] = Math.Round(age.TotalSeconds, 1),
        };
        return age > options.BacklogWarningAge
            ? HealthCheckResult.Degraded($"Der Postausgang ist im Rückstand: {snapshot.Unsent} Nachricht(en), die älteste seit {age:hh\\:mm\\:ss}.", data: data)
            : HealthCheckResult.Healthy($"{snapshot.Unsent} Nachricht(en) im Postausgang.", data);
    }
}
