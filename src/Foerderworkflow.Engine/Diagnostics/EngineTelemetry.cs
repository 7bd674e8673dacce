using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Foerderworkflow.Engine.Diagnostics;

/// <summary>
/// What the engine reports about its work: spans of the ActivitySource <see cref="Name"/> (a burst, a commit, the
/// relay handing over an outbox row) and instruments of the Meter of the same name. Only the BCL's own types: the
/// engine knows no telemetry package; the hosts decide who listens (<c>src/Foerderworkflow.Telemetry</c>).
/// </summary>
public static class EngineTelemetry
{
    public const string Name = "Foerderworkflow.Engine";

    /// <summary>
    /// Baggage (and span tag) carrying an instance's correlation id; for a funding case that is the application id, so
    /// every span and log line below a burst or a delivery (also in the workers: MassTransit carries baggage) names it.
    /// </summary>
    public const string CorrelationIdKey = "foerderworkflow.correlation_id";

    public const string DefinitionKey = "foerderworkflow.definition";
    public const string InstanceIdKey = "foerderworkflow.instance_id";

    internal static readonly ActivitySource Source = new(Name);
    internal static readonly Meter Meter = new(Name);

    internal static readonly Counter<long> InstancesStarted =
        Meter.CreateCounter<long>("foerderworkflow.instances.started", "{instance}", "Instances started, per definition.");

    internal static readonly Counter<long> InstancesFinished =
        Meter.CreateCounter<long>("foerderworkflow.instances.finished", "{instance}", "Instances that reached an end (status Finished or Cancelled), per definition.");

    internal static readonly Counter<long> InstancesFaulted =
        Meter.CreateCounter<long>("foerderworkflow.instances.faulted", "{instance}", "Bursts that left an instance faulted (an incident for an operator), per definition.");

    internal static readonly Histogram<double> BurstDuration =
        Meter.CreateHistogram<double>("foerderworkflow.burst.duration", "s", "Time a burst ran its activities, without loading and committing.");

    internal static readonly Histogram<double> CommitDuration =
        Meter.CreateHistogram<double>("foerderworkflow.commit.duration", "s", "Time the store took to commit a burst (one transaction, or its share of a group commit).");

    internal static readonly Histogram<double> TimerLateness =
        Meter.CreateHistogram<double>("foerderworkflow.timer.lateness", "s", "From a timer's due time until its resume was committed.");

    internal static readonly Counter<long> OutboxPublished =
        Meter.CreateCounter<long>("foerderworkflow.outbox.published", "{message}", "Outbox rows the transport accepted, per message type.");

    /// <summary>
    /// The W3C <c>traceparent</c> of <paramref name="activity"/> (or of the current one), to be stored with an outbox
    /// row; null without a W3C trace.
    /// </summary>
    public static string? TraceParentOf(Activity? activity) =>
        (activity ?? Activity.Current) is { IdFormat: ActivityIdFormat.W3C } current ? current.Id : null;

    /// <summary>A span of this source, below the current one; null when nobody listens.</summary>
    internal static Activity? Start(string name, ActivityKind kind = ActivityKind.Internal, string? traceParent = null)
    {
        if (traceParent is not null && ActivityContext.TryParse(traceParent, null, out var parent))
        {
            return Source.StartActivity(name, kind, parent);
        }

        return Source.StartActivity(name, kind);
    }

    /// <summary>Names the instance on <paramref name="span"/> and passes its correlation id on as baggage.</summary>
    internal static void Describe(Activity? span, string? definitionId, string instanceId, string? correlationId)
    {
        if (span is null)
        {
            return;
        }

        span.SetTag(DefinitionKey, definitionId);
        span.SetTag(InstanceIdKey, instanceId);
        if (!string.IsNullOrEmpty(correlationId))
        {
            span.SetTag(CorrelationIdKey, correlationId);
            span.SetBaggage(CorrelationIdKey, correlationId);
        }
    }

    internal static void Fail(Activity? span, Exception exception)
    {
        span?.SetStatus(ActivityStatusCode.Error, exception.GetType().Name);
        span?.AddException(exception);
    }
}
