using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>The demo users' clients and the steps of a case as HTTP calls, shared by the funding API tests.</summary>
internal sealed class FundingApi(ServerFactory factory)
{
    private readonly Dictionary<string, HttpClient> clients = new(StringComparer.Ordinal);

    /// <summary>
    /// A budget year and a project period valid on the test server's today (early March, <see cref="TestClock.Start"/>):
    /// starting today (German date, so the end can be reported today); the December rule only matters on a real clock.
    /// </summary>
    public static (int Year, DateOnly Start, DateOnly End) ProjectDates()
    {
        var start = Today();
        if (start.Month == 12 && start.Day > 20)
        {
            start = new DateOnly(start.Year + 1, 1, 10);
        }

        return (start.Year, start, start.AddDays(5));
    }

    /// <summary>The test server's date (German calendar), from the fixed start of its clock.</summary>
    public static DateOnly Today() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(Now(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);

    /// <summary>About now on the test server's clock (<see cref="TestClock.Start"/>; the server's clock is a few seconds ahead).</summary>
    public static DateTimeOffset Now() => TestClock.Start;

    public static string Day(DateOnly day) => day.ToString("O", CultureInfo.InvariantCulture);

    public static JsonObject Form(string title = "Demokratiewerkstatt im Quartier", decimal requested = 1_300m)
    {
        var (year, start, end) = ProjectDates();
        return new JsonObject
        {
            ["fundId"] = "herten-aif",
            ["budgetYear"] = year,
            ["applicant"] = new JsonObject
            {
                ["organisation"] = "Nachbarschaftsverein Herten-Süd e. V.",
                ["contactName"] = "Aylin Demir",
                ["email"] = "kontakt@nachbarschaft-herten.example",
                ["iban"] = "DE89 3704 0044 0532 0130 00",
            },
            ["title"] = title,
            ["description"] = "Drei Abende, an denen Jugendliche und Ältere über Beteiligung im Stadtteil sprechen.",
            ["fieldOfAction"] = "Demokratieförderung",
            ["targetGroups"] = new JsonArray("Jugendliche", "Senioren"),
            ["plannedParticipants"] = 40,
            ["period"] = new JsonObject { ["start"] = start.ToString("O", CultureInfo.InvariantCulture), ["end"] = end.ToString("O", CultureInfo.InvariantCulture) },
            ["costPlan"] = new JsonObject
            {
                ["lines"] = new JsonArray(
                    new JsonObject { ["description"] = "Honorar Moderation", ["amount"] = requested },
                    new JsonObject { ["description"] = "Raummiete", ["amount"] = 200m }),
                ["ownFunds"] = 200m,
                ["thirdPartyFunds"] = 0m,
                ["requestedAmount"] = requested,
            },
        };
    }

    public async Task<HttpClient> AsAsync(string user)
    {
        if (!clients.TryGetValue(user, out var client))
        {
            clients[user] = client = await factory.SignedInClientAsync(user);
        }

        return client;
    }

    public async Task<JsonObject> SubmitAsync(string user = "traeger", JsonObject? form = null)
    {
        var response = await (await AsAsync(user)).PostAsJsonAsync("/api/applications", form ?? Form());
        await ExpectAsync(HttpStatusCode.Created, response);
        return await ReadAsync(response);
    }

    public async Task<JsonObject> PostOkAsync(string user, string path, object body)
    {
        var response = await (await AsAsync(user)).PostAsJsonAsync(path, body);
        await ExpectAsync(HttpStatusCode.OK, response);
        return await ReadAsync(response);
    }

    public async Task<HttpResponseMessage> PostAsync(string user, string path, object body) =>
        await (await AsAsync(user)).PostAsJsonAsync(path, body);

    public async Task<HttpResponseMessage> GetAsync(string user, string path) => await (await AsAsync(user)).GetAsync(path);

    public async Task<JsonObject> GetOkAsync(string user, string path)
    {
        var response = await GetAsync(user, path);
        await ExpectAsync(HttpStatusCode.OK, response);
        return await ReadAsync(response);
    }

    public async Task<JsonArray> GetListAsync(string user, string path)
    {
        var response = await GetAsync(user, path);
        await ExpectAsync(HttpStatusCode.OK, response);
        return (JsonArray)(await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync()))!;
    }

    /// <summary>Submit, formal review, session routing, three ballots, closing: the case then waits for the office.</summary>
    /// <summary>
    /// Puts the application on the agenda of a session that begins a minute from now on the server's clock, and moves
    /// the test clock there: the session is under way, so its vote can be counted (before it, closing is refused).
    /// </summary>
    public async Task<JsonObject> InSessionAsync(string id, string agendaItem = "TOP 4")
    {
        var clock = factory.Clock ?? throw new InvalidOperationException("A session under way needs the server's test clock.");
        var routed = await PostOkAsync("kuf", $"/api/applications/{id}/routing", new { procedure = "Session", meetingAt = clock.GetUtcNow().AddMinutes(1), agendaItem });
        clock.Advance(TimeSpan.FromMinutes(1));
        return routed;
    }

    public async Task<string> UpToDecisionAsync(string user = "traeger", JsonObject? form = null)
    {
        var id = Id(await SubmitAsync(user, form));
        await PostOkAsync("kuf", $"/api/applications/{id}/formal-review", new { outcome = "ToDecision" });
        await InSessionAsync(id);
        await PostOkAsync("ausschuss", $"/api/applications/{id}/votes", new { choice = "For" });
        await PostOkAsync("ausschuss2", $"/api/applications/{id}/votes", new { choice = "For" });
        await PostOkAsync("kuf", $"/api/applications/{id}/vote-closing", new { });
        return id;
    }

    /// <summary>From the decision on: approve the requested 1,300 €, waive the appeal, request and order the whole grant.</summary>
    public async Task<JsonObject> ApprovedAndPaidAsync(string id)
    {
        await PostOkAsync("amt", $"/api/applications/{id}/decision", new { outcome = "Approve", amount = 1_300m });
        await PostOkAsync("traeger", $"/api/applications/{id}/grant-acceptance", new { outcome = "AppealWaived", signedBy = "Aylin Demir" });
        var requested = await PostOkAsync("traeger", $"/api/applications/{id}/payout-requests", new
        {
            amount = 1_300m,
            expenditures = new[] { new { dueOn = Day(ProjectDates().End), amount = 1_300m, description = "Honorar und Raummiete" } },
        });
        var approval = requested["nextStep"]!["tasks"]![0]!["action"]!.GetValue<string>();
        return await PostOkAsync("amt", approval, new { outcome = "Ordered" });
    }

    public static string Id(JsonObject application) => application["applicationId"]!.GetValue<string>();

    public static string Status(JsonObject application) => application["status"]!.GetValue<string>();

    public static async Task<JsonObject> ReadAsync(HttpResponseMessage response) =>
        (JsonObject)(await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync()))!;

    public static async Task ExpectAsync(HttpStatusCode expected, HttpResponseMessage response)
    {
        if (response.StatusCode != expected)
        {
            Assert.Fail($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri}: expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
