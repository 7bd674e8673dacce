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

        // The receipt's send span names the application. Spans are exported as they end, a parent after its children
        // (the relay's publish only once the consumer returned, the request after its response was written), so wait
        // until the chain from the e-mail upwards, parent by parent, reaches a root.
        List<Activity> chain = [];
        try
        {
            await Poll.UntilAsync(() =>
            {
                var spans = factory.Spans.Snapshot();
                var email = spans.FirstOrDefault(s => s.Source.Name == "Foerderworkflow.Notifications" && Equals(s.GetTagItem("foerderworkflow.application_id"), id));
                chain = email is null ? [] : ChainUpwards(email, spans);
                return Task.FromResult(chain.Count > 0 && chain[^1].ParentSpanId == default);
            }, Deadline, $"the receipt of {id} and every span above it");
        }
        catch (TimeoutException ex)
        {
            // What did arrive tells where the chain broke.
            throw new TimeoutException($"{ex.Message} Spans: {Describe(factory.Spans.Snapshot())}", ex);
        }

        var trace = factory.Spans.Snapshot().Where(s => s.TraceId == chain[0].TraceId).ToList();
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
    public async Task Metrics_AfterAnApproval_ShowTheEngineOutboxEmailAndBookingFigures()
    {
        // The approval's ApplicationApproved is booked by the accounting worker hosted in the server.
        var id = await api.UpToDecisionAsync();
        await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });
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
            "foerderworkflow_bookings_total",
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

    private static List<Activity> ChainUpwards(Activity span, IReadOnlyList<Activity> spans)
    {
        var bySpanId = spans.Where(s => s.TraceId == span.TraceId).ToDictionary(s => s.SpanId);
        var chain = new List<Activity>();
        for (Activity? current = span; current is not null; current = bySpanId.GetValueOrDefault(current.ParentSpanId))
        {
            chain.Add(current);
        }

        return chain;
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
