using System.Diagnostics;
using System.Net;
using Foerderworkflow.Server.Tests.Funding;
using Foerderworkflow.Testing;

namespace Foerderworkflow.Server.Tests.Observability;

/// <summary>
/// Traces and metrics as an operator sees them: one trace per application action, from the HTTP request through the
/// burst, the commit, the outbox relay and MassTransit to the e-mail; the named figures on <c>/metrics</c>.
/// </summary>
public sealed class TelemetryTests(TracedServerFactory factory) : IClassFixture<TracedServerFactory>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);

    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task OneSubmission_IsOneTrace_FromTheRequestThroughCommitAndPublish_ToTheEmail()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));

        // The receipt's send span names the application; its trace must also hold the request, which the server ends
        // only after writing the response.
        Activity? email = null;
        IReadOnlyList<Activity> trace = [];
        try
        {
            await Poll.UntilAsync(() =>
            {
                var spans = factory.Spans.Snapshot();
                email = spans.FirstOrDefault(s => s.Source.Name == "Foerderworkflow.Notifications" && Equals(s.GetTagItem("foerderworkflow.application_id"), id));
                trace = email is null ? [] : [.. spans.Where(s => s.TraceId == email.TraceId)];
                return Task.FromResult(trace.Any(IsSubmission));
            }, Deadline, $"the receipt of {id} and the submission in one trace");
        }
        catch (TimeoutException ex)
        {
            // What did arrive tells where the chain broke.
            throw new TimeoutException($"{ex.Message} Spans: {Describe(factory.Spans.Snapshot())}", ex);
        }

        // From the e-mail up to the root, parent by parent: every hop of the chain is on the way.
        var bySpanId = trace.ToDictionary(s => s.SpanId);
        var chain = new List<Activity>();
        for (var span = email; span is not null; span = bySpanId.GetValueOrDefault(span.ParentSpanId))
        {
            chain.Add(span);
        }

        var path = string.Join(" <- ", chain.Select(s => $"{s.Source.Name}:{s.DisplayName}"));
        Assert.True(IsSubmission(chain[^1]), $"The trace's root is not the submission: {path}");
        // MassTransit's consume (on the embedded transport its mediator: receive, then the consumer's process) below the
        // relay's publish; the mediator has no send span of its own, on RabbitMQ MassTransit's send sits between.
        Assert.Contains(chain, s => s.Source.Name == "MassTransit" && s.Kind == ActivityKind.Consumer && Equals(s.GetTagItem("messaging.masstransit.consumer_type"), "Foerderworkflow.Notifications.SendEmailConsumer"));
        Assert.Contains(chain, s => s.Source.Name == "Foerderworkflow.Engine" && s.DisplayName == "outbox publish SendEmail" && s.Kind == ActivityKind.Producer);
        Assert.Contains(chain, s => s.Source.Name == "Foerderworkflow.Engine" && s.DisplayName == "commit");
        Assert.Contains(trace, s => s.Source.Name == "Foerderworkflow.Engine" && s.DisplayName == "burst start" && s.ParentSpanId == chain[^1].SpanId);
        Assert.Equal(id, chain.Single(s => s.DisplayName == "commit").GetTagItem("foerderworkflow.correlation_id"));
    }

    [Fact]
    public async Task Metrics_AfterASubmission_ShowTheEngineOutboxAndEmailFigures()
    {
        await api.SubmitAsync("traeger");
        var admin = await api.AsAsync(EndpointRoles.Admin);
        string[] expected =
        [
            "foerderworkflow_instances_started_total",
            "foerderworkflow_burst_duration_seconds_bucket",
            "foerderworkflow_commit_duration_seconds_bucket",
            "foerderworkflow_outbox_published_total",
            "foerderworkflow_outbox_unsent",
            "foerderworkflow_outbox_oldest_age_seconds",
            "foerderworkflow_emails_sent_total",
        ];

        var text = "";
        await Poll.UntilAsync(async () =>
        {
            text = await admin.GetStringAsync("/metrics");
            return expected.All(name => text.Contains(name, StringComparison.Ordinal));
        }, Deadline, "every named metric on /metrics");

        Assert.Contains("definition=\"", text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync("/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await api.AsAsync(EndpointRoles.Kuf)).GetAsync("/metrics")).StatusCode);
    }

    private static string Describe(IReadOnlyList<Activity> spans) =>
        string.Join("; ", spans.Where(s => !s.Source.Name.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || s.DisplayName.Contains("applications", StringComparison.Ordinal))
            .Take(60).Select(s => $"{s.TraceId.ToHexString()[..6]}/{s.SpanId.ToHexString()[..4]}<{s.ParentSpanId.ToHexString()[..4]} {s.Source.Name}:{s.DisplayName} {s.Kind} [{string.Join(",", s.TagObjects.Select(t => $"{t.Key}={t.Value}"))}]"));

    private static bool IsSubmission(Activity span) =>
        span.Kind == ActivityKind.Server
        && Equals(span.GetTagItem("http.request.method"), "POST")
        // The route of a group's root keeps the group's trailing slash.
        && (span.GetTagItem("http.route") as string)?.TrimEnd('/') == "/api/applications";
}
