using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace Foerderworkflow.Server.Tests;

/// <summary>The messaging operations endpoints (<c>/api/operations</c>): administrators only, bad input as problem details.</summary>
public sealed class OperationsApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task Outbox_Anonymous_401_Applicant_403()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, (await factory.CreateClient().GetAsync(new Uri("/api/operations/outbox", UriKind.Relative))).StatusCode);
        var applicant = await factory.SignedInClientAsync("traeger");
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync(new Uri("/api/operations/outbox", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task Outbox_Admin_ReportsTheBacklog()
    {
        var admin = await factory.SignedInClientAsync("admin");

        var backlog = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/operations/outbox", UriKind.Relative));

        Assert.True(backlog.GetProperty("unsent").GetInt32() >= 0);
        Assert.True(backlog.TryGetProperty("oldestAgeSeconds", out _));
    }

    [Theory]
    [InlineData("accounting_error", "queue")]
    [InlineData("acc%20ounting", "queue")]
    public async Task Requeue_BadQueueName_400NamingTheField(string queue, string field)
    {
        var admin = await factory.SignedInClientAsync("admin");

        var response = await admin.PostAsync(new Uri($"/api/operations/error-queues/{queue}/requeue", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Requeue_MaxOutOfRange_400NamingMax()
    {
        var admin = await factory.SignedInClientAsync("admin");

        var response = await admin.PostAsync(new Uri("/api/operations/error-queues/accounting/requeue?max=0", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("max", out _));
    }

    [Fact]
    public async Task Requeue_EmbeddedTransport_MovesTheQueuesDeadLetters_NoneThere_MovesNothing()
    {
        var admin = await factory.SignedInClientAsync("admin");

        var requeue = await admin.PostAsync(new Uri("/api/operations/error-queues/send-email/requeue", UriKind.Relative), null);
        var parked = await admin.PostAsync(new Uri("/api/operations/outbox-parked/republish", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.OK, requeue.StatusCode);
        Assert.Equal(0, (await requeue.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("moved").GetInt32());
        Assert.Equal(HttpStatusCode.OK, parked.StatusCode);
    }

    [Fact]
    public async Task DeadLetters_Embedded_Admin_ListsThem_Applicant_403()
    {
        var admin = await factory.SignedInClientAsync("admin");
        var applicant = await factory.SignedInClientAsync("traeger");

        var letters = await admin.GetFromJsonAsync<JsonElement>(new Uri("/api/operations/dead-letters", UriKind.Relative));

        Assert.Equal(JsonValueKind.Array, letters.ValueKind);
        Assert.Equal(HttpStatusCode.Forbidden, (await applicant.GetAsync(new Uri("/api/operations/dead-letters", UriKind.Relative))).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.PostAsync(new Uri("/api/operations/dead-letters/requeue?max=0", UriKind.Relative), null)).StatusCode);
    }

    [Fact]
    public async Task HealthReady_IncludesTheOutboxCheck_Healthy()
    {
        var response = await factory.CreateClient().GetAsync(new Uri("/health/ready", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
