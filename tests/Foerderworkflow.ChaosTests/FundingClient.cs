using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Foerderworkflow.ChaosTests;

/// <summary>
/// The people of the README's curl walk-through as one HTTP client that survives the server's death: a request that
/// fails because the server was killed (connection refused or reset, timeout, 5xx) is sent again until the server
/// answers. A step sent again may already have been applied before the kill; the server then answers 409 ("not
/// waiting for that"), which counts as done here, and the final status check proves the case went through.
/// A submission carries an <c>Idempotency-Key</c> of its own, kept across its retries, so sending it again after a kill
/// gets the first answer instead of storing a second application; <see cref="UnacknowledgedSubmissions"/> counts the
/// attempts that got no answer.
/// </summary>
public sealed class FundingClient(Uri server) : IDisposable
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromMilliseconds(200);
    private readonly HttpClient http = new() { BaseAddress = server, Timeout = TimeSpan.FromSeconds(30) };
    private readonly ConcurrentDictionary<string, string> tokens = new();
    private readonly List<(int Calls, TaskCompletionSource Reached)> waiters = [];
    private int completedCalls;
    private int unacknowledged;
    private int retriedCalls;

    /// <summary>Calls that succeeded so far (the progress the chaos schedule keys on).</summary>
    public int CompletedCalls => Volatile.Read(ref completedCalls);

    /// <summary>
    /// Completes the moment the <paramref name="calls"/>th call has its answer, with no polling delay: the chaos then
    /// strikes while the commit just acknowledged is being relayed, the most dangerous moment for its messages.
    /// </summary>
    public Task UntilCompletedAsync(int calls)
    {
        lock (waiters)
        {
            if (CompletedCalls >= calls)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            waiters.Add((calls, reached));
            return reached.Task;
        }
    }

    public int UnacknowledgedSubmissions => Volatile.Read(ref unacknowledged);

    public int RetriedCalls => Volatile.Read(ref retriedCalls);

    /// <summary>The README's step 1 as the applicant; returns the application id of the 201 the client saw.</summary>
    public async Task<string> SubmitAsync(string title, decimal amount)
    {
        // Today as the server reckons it (German local time), not the machine's: between 23:00 and 24:00 UTC they differ,
        // and a project may not start before its approval.
        var germany = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        var start = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), germany).DateTime);
        var year = start.Year;
        var end = start.Year == start.AddDays(5).Year ? start.AddDays(5) : start;
        var body = new JsonObject
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
            ["description"] = "Drei Abende zu Beteiligung im Stadtteil.",
            ["fieldOfAction"] = "Demokratieförderung",
            ["targetGroups"] = new JsonArray("Jugendliche"),
            ["plannedParticipants"] = 40,
            ["period"] = new JsonObject { ["start"] = Iso(start), ["end"] = Iso(end) },
            ["costPlan"] = new JsonObject
            {
                ["lines"] = new JsonArray(new JsonObject { ["description"] = "Honorar Moderation", ["amount"] = amount + 200m }),
                ["ownFunds"] = 200m,
                ["thirdPartyFunds"] = 0m,
                ["requestedAmount"] = amount,
            },
        };

        var answer = await SendAsync("traeger", "api/applications", body, isSubmission: true, idempotencyKey: Guid.NewGuid().ToString("N"));
        return answer!["applicationId"]!.GetValue<string>();
    }

    /// <summary>The README's steps 2 to 4 as KuF, committee members and office, up to the decision "Approve".</summary>
    public async Task ApproveAsync(string id, decimal amount)
    {
        await SendAsync("kuf", $"api/applications/{id}/formal-review", new JsonObject { ["outcome"] = "ToDecision" });
        var meetingAt = TimeProvider.System.GetUtcNow().AddDays(7).ToString("O", CultureInfo.InvariantCulture);
        await SendAsync("kuf", $"api/applications/{id}/routing", new JsonObject { ["procedure"] = "Session", ["meetingAt"] = meetingAt, ["agendaItem"] = "TOP 3" });
        foreach (var member in new[] { "ausschuss", "ausschuss2", "ausschuss3" })
        {
            await SendAsync(member, $"api/applications/{id}/votes", new JsonObject { ["choice"] = "For" });
        }

        // The session is a week ahead on the server's real clock, so the KuF records the chair's result (counting the
        // ballots is refused before the session begins); the ballots above still exercise the stored ballot box.
        await SendAsync("kuf", $"api/applications/{id}/vote-closing", new JsonObject { ["outcome"] = "Recommend" });
        await SendAsync("amt", $"api/applications/{id}/decision", new JsonObject { ["outcome"] = "Approve", ["amount"] = amount });
    }

    /// <summary>GET as <paramref name="user"/>, retried like every other call.</summary>
    public async Task<JsonNode> GetAsync(string user, string path) => (await SendAsync(user, path, body: null))!;

    public void Dispose() => http.Dispose();

    private async Task<JsonNode?> SendAsync(string user, string path, JsonObject? body, bool isSubmission = false, string? idempotencyKey = null)
    {
        var deadline = TimeProvider.System.GetUtcNow() + FundingDeployment.Patience;
        var failedBefore = false;
        while (true)
        {
            if (TimeProvider.System.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"{user} {path}: no answer within {FundingDeployment.Patience}.");
            }

            if (failedBefore)
            {
                Interlocked.Increment(ref retriedCalls);
                await Task.Delay(RetryInterval, TimeProvider.System);
            }

            HttpStatusCode status;
            string text;
            try
            {
                using var request = new HttpRequestMessage(body is null ? HttpMethod.Get : HttpMethod.Post, path);
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync(user));
                if (idempotencyKey is not null)
                {
                    request.Headers.Add("Idempotency-Key", idempotencyKey);
                }

                if (body is not null)
                {
                    request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
                }

                using var response = await http.SendAsync(request);
                status = response.StatusCode;
                text = await response.Content.ReadAsStringAsync();
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                // The server died under the request (or is still starting): the request may or may not have been applied.
                if (isSubmission)
                {
                    Interlocked.Increment(ref unacknowledged);
                }

                failedBefore = true;
                continue;
            }

            if (status == HttpStatusCode.Unauthorized)
            {
                tokens.TryRemove(user, out _);
                failedBefore = true;
                continue;
            }

            if ((int)status >= 500)
            {
                if (isSubmission)
                {
                    Interlocked.Increment(ref unacknowledged);
                }

                failedBefore = true;
                continue;
            }

            if (status == HttpStatusCode.Conflict && failedBefore && !isSubmission)
            {
                // Applied by an attempt whose answer was lost with the server; the final status check proves it.
                Completed();
                return null;
            }

            if (!IsSuccess(status))
            {
                throw new InvalidOperationException($"{user} {(body is null ? "GET" : "POST")} {path}: {(int)status} {text}");
            }

            Completed();
            return JsonNode.Parse(text);
        }
    }

    private void Completed()
    {
        var calls = Interlocked.Increment(ref completedCalls);
        lock (waiters)
        {
            foreach (var waiter in waiters.Where(w => w.Calls <= calls).ToList())
            {
                waiter.Reached.TrySetResult();
                waiters.Remove(waiter);
            }
        }
    }

    private async Task<string> TokenAsync(string user)
    {
        if (tokens.TryGetValue(user, out var cached))
        {
            return cached;
        }

        using var content = new StringContent(new JsonObject { ["userName"] = user, ["password"] = user }.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(new Uri("api/dev/token", UriKind.Relative), content);
        if ((int)response.StatusCode >= 500)
        {
            throw new HttpRequestException($"token endpoint answered {(int)response.StatusCode}");
        }

        response.EnsureSuccessStatusCode();
        var token = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["accessToken"]!.GetValue<string>();
        tokens[user] = token;
        return token;
    }

    private static bool IsSuccess(HttpStatusCode status) => (int)status is >= 200 and < 300;

    private static string Iso(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
