using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// Issue 12: a submission whose answer was lost is retried with the same <c>Idempotency-Key</c> and gets the first
/// answer again — sequentially, 20 at once, after a restart — and exactly one application is stored.
/// </summary>
public sealed class IdempotencyTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private readonly FundingApi api = new(factory);

    [Fact]
    public async Task Submit_RetryWithTheSameKey_GetsTheFirstAnswer_AndStoresOneApplication()
    {
        var form = FundingApi.Form(title: "Wiederholt eingereicht");
        var before = await CountAsync("traeger");

        var first = await SubmitAsync("traeger", form, "retry-1");
        var second = await SubmitAsync("traeger", form, "retry-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        var a = await FundingApi.ReadAsync(first);
        var b = await FundingApi.ReadAsync(second);
        Assert.Equal(FundingApi.Id(a), FundingApi.Id(b));
        Assert.Equal(a["fileNumber"]!.GetValue<string>(), b["fileNumber"]!.GetValue<string>());
        Assert.Equal(before + 1, await CountAsync("traeger"));
    }

    [Fact]
    public async Task Submit_TwentyParallelRetries_StoreOneApplication()
    {
        var form = FundingApi.Form(title: "Zwanzigmal gleichzeitig");
        var before = await CountAsync("traeger");
        await api.AsAsync("traeger");

        var answers = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => SubmitAsync("traeger", form, "parallel-1")));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.Created, a.StatusCode));
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            ids.Add(FundingApi.Id(await FundingApi.ReadAsync(answer)));
        }

        Assert.Single(ids);
        Assert.Equal(before + 1, await CountAsync("traeger"));
    }

    [Fact]
    public async Task Submit_SameKeyDifferentBody_Is422_AndStoresNothingMore()
    {
        await SubmitAsync("traeger", FundingApi.Form(title: "Erste Fassung"), "changed-1");
        var before = await CountAsync("traeger");

        var response = await SubmitAsync("traeger", FundingApi.Form(title: "Zweite Fassung"), "changed-1");

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Idempotency-Key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, await CountAsync("traeger"));
    }

    [Fact]
    public async Task Submit_SameKeyFromAnotherApplicant_IsTheirOwnSubmission()
    {
        var mine = await FundingApi.ReadAsync(await SubmitAsync("traeger", FundingApi.Form(title: "Meins"), "shared-1"));
        var theirs = await SubmitAsync("traeger2", FundingApi.Form(title: "Deins"), "shared-1");

        Assert.Equal(HttpStatusCode.Created, theirs.StatusCode);
        Assert.NotEqual(FundingApi.Id(mine), FundingApi.Id(await FundingApi.ReadAsync(theirs)));
    }

    [Fact]
    public async Task Submit_WithoutKey_StoresEveryRetry()
    {
        var form = FundingApi.Form(title: "Ohne Schlüssel");
        var before = await CountAsync("traeger");

        await api.SubmitAsync(form: form);
        await api.SubmitAsync(form: form);

        Assert.Equal(before + 2, await CountAsync("traeger"));
    }

    [Theory]
    [InlineData("mit Leerzeichen")]
    [InlineData("steuer\u0007zeichen")]
    [InlineData("ü-kein-ascii")]
    [InlineData(null)]
    public async Task Submit_MalformedKey_Is400NamingTheHeader(string? key)
    {
        key ??= new string('k', 201);
        var client = await api.AsAsync("traeger");
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = JsonContent.Create(FundingApi.Form()) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);

        var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.NotNull((await FundingApi.ReadAsync(response))["errors"]!["Idempotency-Key"]);
    }

    [Fact]
    public async Task StartInstance_RetryWithTheSameKey_StartsOneInstance_AndADifferentBodyIs422()
    {
        var client = await api.AsAsync("admin");
        var definition = await client.PostAsync("/api/workflow-definitions", new StringContent(TestDefinitions.WaitForGo("idem-flow").ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, definition.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/workflow-definitions/idem-flow/publish", null)).StatusCode);
        var body = new JsonObject { ["definitionId"] = "idem-flow", ["input"] = new JsonObject { ["x"] = 1 } };

        var first = await StartAsync(client, body, "start-1");
        var second = await StartAsync(client, body, "start-1");
        body["input"]!["x"] = 2;
        var changed = await StartAsync(client, body, "start-1");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        Assert.Equal(HttpStatusCode.Created, second.StatusCode);
        Assert.Equal(first.Headers.Location, second.Headers.Location);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        var instances = await client.GetFromJsonAsync<JsonObject>("/api/workflow-instances?definitionId=idem-flow");
        Assert.Equal(1, instances!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task StudioExecute_RetryWithTheSameKey_StartsOneInstance()
    {
        var client = await api.AsAsync("admin");
        var definition = await client.PostAsync("/api/workflow-definitions", new StringContent(TestDefinitions.WaitForGo("idem-run").ToJsonString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, definition.StatusCode);
        var body = new JsonObject { ["versionOptions"] = "Latest", ["input"] = new JsonObject { ["x"] = 1 } };

        var first = await PostWithKeyAsync("admin", "/elsa/api/workflow-definitions/idem-run/execute", body, "run-1");
        var second = await PostWithKeyAsync("admin", "/elsa/api/workflow-definitions/idem-run/execute", body, "run-1");

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        Assert.Equal(
            (await FundingApi.ReadAsync(first))["workflowInstanceId"]!.GetValue<string>(),
            (await FundingApi.ReadAsync(second))["workflowInstanceId"]!.GetValue<string>());
        var instances = await client.GetFromJsonAsync<JsonObject>("/api/workflow-instances?definitionId=idem-run");
        Assert.Equal(1, instances!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task PayoutRequest_RetriesWithTheSameKey_GetTheFirstAnswer_AndADifferentBodyIs422()
    {
        var id = await api.UpToDecisionAsync();
        await api.PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });
        await api.PostOkAsync("traeger", $"/api/applications/{id}/grant-acceptance", new { outcome = "AppealWaived", signedBy = "Aylin Demir" });
        var body = new JsonObject
        {
            ["amount"] = 1_300m,
            ["expenditures"] = new JsonArray(new JsonObject { ["dueOn"] = FundingApi.Day(FundingApi.ProjectDates().End), ["amount"] = 1_300m, ["description"] = "Honorar" }),
        };

        var answers = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => PostWithKeyAsync("traeger", $"/api/applications/{id}/payout-requests", body, "payout-1")));
        body["amount"] = 1_000m;
        var changed = await PostWithKeyAsync("traeger", $"/api/applications/{id}/payout-requests", body, "payout-1");

        var actions = new HashSet<string>(StringComparer.Ordinal);
        foreach (var answer in answers)
        {
            await FundingApi.ExpectAsync(HttpStatusCode.OK, answer);
            actions.Add((await FundingApi.ReadAsync(answer))["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>());
        }

        Assert.Single(actions);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, changed.StatusCode);
        // One payout request waits for the office: ordering it is possible once.
        await api.PostOkAsync("amt", actions.Single(), new { outcome = "Ordered" });
    }

    [Fact]
    public async Task Submit_RetryAfterARestart_GetsTheFirstAnswer()
    {
        var folder = Directory.CreateTempSubdirectory("fw-server-idempotency-").FullName;
        try
        {
            var form = FundingApi.Form(title: "Vor dem Neustart");
            var first = ServerFactory.OnDatabaseIn(folder);
            var before = await FundingApi.ReadAsync(await SubmitAsync(new FundingApi(first), "traeger", form, "restart-1"));
            await first.DisposeAsync();

            await using var second = ServerFactory.OnDatabaseIn(folder);
            var again = new FundingApi(second);
            var retried = await SubmitAsync(again, "traeger", form, "restart-1");

            Assert.Equal(HttpStatusCode.Created, retried.StatusCode);
            Assert.Equal(FundingApi.Id(before), FundingApi.Id(await FundingApi.ReadAsync(retried)));
            Assert.Single(await again.GetListAsync("traeger", "/api/applications"));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // As ServerFactory: Quartz may still touch its file for a moment; the temp folder may stay.
            }
        }
    }

    private Task<HttpResponseMessage> SubmitAsync(string user, JsonObject form, string key) => SubmitAsync(api, user, form, key);

    private static async Task<HttpResponseMessage> SubmitAsync(FundingApi api, string user, JsonObject form, string key)
    {
        var client = await api.AsAsync(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = JsonContent.Create(form) };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private async Task<HttpResponseMessage> PostWithKeyAsync(string user, string path, JsonObject body, string key)
    {
        var client = await api.AsAsync(user);
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private static async Task<HttpResponseMessage> StartAsync(HttpClient client, JsonObject body, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/workflow-instances") { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", key);
        return await client.SendAsync(request);
    }

    private async Task<int> CountAsync(string user) => (await api.GetListAsync(user, "/api/applications?take=200")).Count;
}
