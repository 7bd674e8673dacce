using System.Net;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// A written procedure closed after its closing date, the normal case: the ballots cast in time are counted, and
/// nothing arrives after the close. A server of its own, since the test moves its clock past the closing date.
/// </summary>
public sealed class WrittenProcedureApiTests : IDisposable
{
    private readonly ServerFactory factory = new();
    private FundingApi api;

    public WrittenProcedureApiTests() => api = new FundingApi(factory);

    [Fact]
    public async Task VoteClosing_AfterTheClosingDate_CountsTheBallotsCastInTime()
    {
        var id = await WrittenProcedureAsync();
        await api.PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("ausschuss2", $"/api/applications/{id}/votes", new { choice = "For" });
        await api.PostOkAsync("ausschuss3", $"/api/applications/{id}/votes", new { choice = "For" });

        await PassTheClosingDateAsync();
        var open = await api.GetOkAsync("kuf", $"/api/applications/{id}");
        Assert.StartsWith("Umlaufverfahren beendet", open["nextStep"]!["tasks"]![0]!["title"]!.GetValue<string>(), StringComparison.Ordinal);
        var closed = await api.PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { });

        Assert.Equal("Recommend", closed["resolution"]!["outcome"]!.GetValue<string>());
        Assert.Equal(3, closed["resolution"]!["votesFor"]!.GetValue<int>());
    }

    [Fact]
    public async Task BallotsAndConflicts_AfterTheClosingDate_Refused409()
    {
        var id = await WrittenProcedureAsync();
        await api.PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });

        await PassTheClosingDateAsync();

        await FundingApi.ExpectAsync(HttpStatusCode.Conflict, await api.PostAsync("ausschuss2", $"/api/applications/{id}/votes", new { choice = "For" }));
        var conflict = await api.PostAsync("ausschuss", $"/api/applications/{id}/conflicts", new { reason = "Vorstand im antragstellenden Verein" });
        await FundingApi.ExpectAsync(HttpStatusCode.Conflict, conflict);
        Assert.Contains("Umlaufverfahren endete", await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Objection_EndsTheWrittenProcedureAtOnce_AndTheApplicationGoesToTheNextSession()
    {
        var id = await WrittenProcedureAsync();
        await api.PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });

        var objected = await api.PostOkAsync("ausschuss2", $"/api/applications/{id}/objections", new { reason = "Das Projekt sollte in der Sitzung beraten werden." });

        Assert.Equal("Defer", objected["resolution"]!["outcome"]!.GetValue<string>());
        Assert.Contains("Widerspruch gegen das Umlaufverfahren", objected["resolution"]!["minutes"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Widerspruch: Demo-Mitglied 2", objected["resolution"]!["minutes"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("/routing", objected["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>(), StringComparison.Ordinal);
        await FundingApi.ExpectAsync(HttpStatusCode.Conflict, await api.PostAsync("ausschuss3", $"/api/applications/{id}/votes", new { choice = "For" }));
    }

    [Fact]
    public async Task Objection_ToASession_Refused409()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.PostOkAsync("kuf", $"/api/applications/{id}/routing", new { procedure = "Session", meetingAt = FundingApi.Now().AddDays(7) });

        await FundingApi.ExpectAsync(HttpStatusCode.Conflict, await api.PostAsync("ausschuss", $"/api/applications/{id}/objections", new { }));
    }

    private async Task<string> WrittenProcedureAsync()
    {
        var id = FundingApi.Id(await api.SubmitAsync("traeger"));
        await api.PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await api.PostOkAsync("kuf", $"/api/applications/{id}/routing", new { procedure = "WrittenProcedure", closingAt = FundingApi.Now().AddDays(10) });
        return id;
    }

    /// <summary>Moves the server's clock past the closing date and fires what fell due, as the scheduler would.</summary>
    private async Task PassTheClosingDateAsync()
    {
        factory.Clock!.Advance(TimeSpan.FromDays(11));
        var store = factory.Services.GetRequiredService<IWorkflowStore>();
        var runtime = factory.Services.GetRequiredService<WorkflowRuntime>();
        var due = await store.ListTimersDueAsync(null, factory.Clock.GetUtcNow(), 100);
        Assert.NotEmpty(due);
        foreach (var timer in due)
        {
            await runtime.FireTimerAsync(timer);
        }

        // Eleven days on, the tokens signed before have expired: everyone signs in again.
        api = new FundingApi(factory);
    }

    public void Dispose() => factory.Dispose();
}
