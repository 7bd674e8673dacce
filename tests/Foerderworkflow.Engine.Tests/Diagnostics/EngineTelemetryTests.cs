using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Foerderworkflow.Engine.Diagnostics;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Diagnostics;

/// <summary>
/// What the engine reports through the BCL's ActivitySource and Meter, seen by plain listeners. Both are
/// process-wide, so each test looks only at what names its own definition or instance.
/// </summary>
public sealed class EngineTelemetryTests : IDisposable
{
    private readonly EngineFixture engine = new();
    private readonly ConcurrentQueue<Measurement> measurements = new();
    private readonly ConcurrentQueue<Activity> spans = new();
    private readonly MeterListener meters = new();
    private readonly ActivityListener tracing;

    public EngineTelemetryTests()
    {
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == EngineTelemetry.Name)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, tags, _) => measurements.Enqueue(new(instrument.Name, value, Tags(tags))));
        meters.SetMeasurementEventCallback<double>((instrument, value, tags, _) => measurements.Enqueue(new(instrument.Name, value, Tags(tags))));
        meters.Start();
        tracing = new ActivityListener
        {
            ShouldListenTo = source => source.Name == EngineTelemetry.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(tracing);
    }

    public void Dispose()
    {
        tracing.Dispose();
        meters.Dispose();
        engine.Dispose();
    }

    [Fact]
    public async Task Start_ThroughToTheEnd_CountsStartedAndFinished_AndMeasuresTheBurst()
    {
        var flow = new FlowchartBuilder().Start().End().Chain("start", "end");

        await engine.RunAsync(flow);

        var own = OfDefinition(flow.DefinitionId);
        Assert.Equal(1, own.Single(m => m.Instrument == "foerderworkflow.instances.started").Value);
        var finished = own.Single(m => m.Instrument == "foerderworkflow.instances.finished");
        Assert.Equal("Finished", finished.Tags["foerderworkflow.status"]);
        Assert.Equal("start", own.Single(m => m.Instrument == "foerderworkflow.burst.duration").Tags["foerderworkflow.burst.kind"]);
        Assert.DoesNotContain(own, m => m.Instrument == "foerderworkflow.instances.faulted");
        Assert.Contains(measurements, m => m.Instrument == "foerderworkflow.commit.duration" && Equals(m.Tags["foerderworkflow.commit.outcome"], "committed"));
    }

    [Fact]
    public async Task Start_ActivityThrows_CountsTheInstanceFaulted_NotFinished()
    {
        var flow = new FlowchartBuilder().Start().Flaky("flaky", FlakyActivity.FailNextRuns(1)).End().Chain("start", "flaky", "end");

        await engine.RunAsync(flow);

        var own = OfDefinition(flow.DefinitionId);
        Assert.Single(own, m => m.Instrument == "foerderworkflow.instances.faulted");
        Assert.DoesNotContain(own, m => m.Instrument == "foerderworkflow.instances.finished");
    }

    [Fact]
    public async Task FireTimer_FiveSecondsAfterItsDueTime_MeasuresFiveSecondsLateness()
    {
        await engine.RunAsync(Flows.Delayed(TimeSpan.FromMinutes(1)));
        var timer = Assert.Single(engine.Timers.Committed);

        engine.Clock.SetUtcNow(timer.DueAt.AddSeconds(5));
        Assert.NotNull(await engine.Runtime.FireTimerAsync(timer));

        Assert.Contains(measurements, m => m.Instrument == "foerderworkflow.timer.lateness" && m.Value == 5);
        Assert.Contains(spans, s => s.DisplayName == "timer fire" && Equals(s.GetTagItem("foerderworkflow.timer_id"), timer.Id));
    }

    [Fact]
    public async Task Relay_PublishesUnderTheCommitThatStoredTheMessage_AcrossTheOutbox()
    {
        using var transport = new RecordingMessagePublisher();
        using var relay = new OutboxRelay(engine.Store, transport, engine.Clock);
        var run = await engine.RunAsync(new FlowchartBuilder().Start().PublishMessage("notify", "Test.Notified").Chain("start", "notify"), correlationId: "A-42");
        var commit = Assert.Single(spans, s => s.DisplayName == "commit" && Equals(s.GetTagItem(EngineTelemetry.InstanceIdKey), run.InstanceId));

        Assert.Equal(commit.Id, Assert.Single(engine.Store.Messages, m => m.InstanceId == run.InstanceId).TraceParent);

        // The relay runs later, outside the request: its span's parent comes from the row alone.
        Assert.Null(Activity.Current);
        await relay.DeliverPendingAsync(CancellationToken.None);

        var publish = Assert.Single(spans, s => s.DisplayName == "outbox publish Test.Notified" && Equals(s.GetTagItem(EngineTelemetry.InstanceIdKey), run.InstanceId));
        Assert.Equal(commit.TraceId, publish.TraceId);
        Assert.Equal(commit.SpanId, publish.ParentSpanId);
        Assert.Equal(ActivityKind.Producer, publish.Kind);
        Assert.Equal("A-42", publish.GetBaggageItem(EngineTelemetry.CorrelationIdKey));
    }

    private List<Measurement> OfDefinition(string definitionId) =>
        [.. measurements.Where(m => Equals(m.Tags.GetValueOrDefault(EngineTelemetry.DefinitionKey), definitionId))];

    private static Dictionary<string, object?> Tags(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var copy = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            copy[tag.Key] = tag.Value;
        }

        return copy;
    }

    private sealed record Measurement(string Instrument, double Value, Dictionary<string, object?> Tags);
}
