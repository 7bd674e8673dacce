using System.Net;
using Foerderworkflow.Funding.Decisions;
using Foerderworkflow.Funding.Persistence;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// A fund whose Bescheide are made known through the portal (§ 41 (2a) VwVfG): the applicant's first download is the
/// retrieval, and the case's appeal period then runs from the day after it. The fixture is this class's own: it
/// switches the Herten action fund to the portal path.
/// </summary>
public sealed class PortalNotificationApiTests(ServerFactory factory) : IClassFixture<ServerFactory>, IAsyncLifetime
{
    private readonly FundingApi api = new(factory);

    public async Task InitializeAsync()
    {
        var store = factory.Services.GetRequiredService<FundingStore>();
        var fund = (await store.FindFundAsync("herten-aif", CancellationToken.None))!;
        await store.SaveFundAsync(fund with { NotificationPath = NotificationPath.PortalRetrieval }, CancellationToken.None);
    }

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task ApplicantsFirstDownload_IsTheRetrieval_FromWhichTheAppealPeriodRuns()
    {
        var id = await api.UpToDecisionAsync();
        await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });
        var document = Assert.Single(await api.GetListAsync("traeger", $"/api/applications/{id}/documents"))!;
        Assert.Equal("PortalRetrieval", document["notificationPath"]!.GetValue<string>());

        // Staff reading it is no retrieval.
        await FundingApi.ExpectAsync(HttpStatusCode.OK, await api.GetAsync("amt", $"/api/applications/{id}/documents/{document["documentId"]}"));
        Assert.Null(Assert.Single(await api.GetListAsync("amt", $"/api/applications/{id}/documents"))!["retrievedAt"]);

        await FundingApi.ExpectAsync(HttpStatusCode.OK, await api.GetAsync("traeger", $"/api/applications/{id}/documents/{document["documentId"]}"));

        var retrievedAt = Assert.Single(await api.GetListAsync("amt", $"/api/applications/{id}/documents"))!["retrievedAt"]!.GetValue<DateTimeOffset>();
        Assert.True(retrievedAt <= factory.Clock!.GetUtcNow());
        var decision = (await api.GetOkAsync("amt", $"/api/applications/{id}"))["decision"]!;
        var retrievedOn = FundingTime(retrievedAt);
        var expected = new Notification(NotificationPath.PortalRetrieval, retrievedOn).Retrieved(retrievedOn).AppealDeadline(Foerderworkflow.Funding.Deadlines.FederalState.NW)!.Value;
        Assert.Equal(Foerderworkflow.Funding.Activities.FundingTime.EndOf(expected), decision["appealDeadline"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task OfficeNotification_WithoutAMissedRetrieval_Answers409_AndABadDate400NamingTheField()
    {
        var id = await api.UpToDecisionAsync();
        await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });

        var bad = await api.PostAsync("amt", $"/api/applications/{id}/documents/notification", new { path = "Post", sentOn = "13.03.2026" });
        await FundingApi.ExpectAsync(HttpStatusCode.BadRequest, bad);
        Assert.NotNull((await FundingApi.ReadAsync(bad))["errors"]!["sentOn"]);
        await FundingApi.ExpectAsync(HttpStatusCode.Conflict, await api.PostAsync("amt", $"/api/applications/{id}/documents/notification", new { path = "Post" }));
    }

    private static DateOnly FundingTime(DateTimeOffset moment) => Foerderworkflow.Funding.Activities.FundingTime.Day(moment);
}
