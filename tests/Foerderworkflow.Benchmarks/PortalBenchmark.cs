extern alias server;

using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Foerderworkflow.Benchmarks;

/// <summary>
/// <c>portal</c>: server-side render time of the portal's pages with many applications stored. The real server
/// (WebApplicationFactory in memory: no network, so the figures are the pipeline's and the page's own) on SQLite
/// (WAL, <c>synchronous=FULL</c>) in a temporary folder; N applications submitted through the API, each waiting for
/// the KuF's formal review. Then, signed in through the portal's own form (session cookie): the error page
/// <c>/fehler/404</c> as the baseline (same layout, session, security headers, no data), the KuF's inbox
/// <c>/aufgaben</c> (one row per open task: all N) and one status page <c>/antraege/{id}</c>, each requested
/// sequentially after a warm-up; p50/p95 of the full response time and the ratio to the baseline of the same run.
/// </summary>
internal static partial class PortalBenchmark
{
    public static async Task RunAsync(string[] args)
    {
        var applications = 2_000;
        var requests = 200;
        for (var i = 1; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--applications": applications = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                case "--requests": requests = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: throw new ArgumentException($"Unknown argument '{args[i]}' (portal mode: --applications N --requests N).");
            }
        }

        var folder = Directory.CreateTempSubdirectory("fw-bench-portal-").FullName;
        try
        {
            await using var factory = new PortalFactory(folder);
            Console.WriteLine($"== Portal render time, SQLite, {applications} applications stored, {requests} requests per page");
            var clock = Stopwatch.StartNew();
            var first = await SeedAsync(factory, applications);
            Console.WriteLine($"seeded {applications} applications through the API in {clock.Elapsed.TotalSeconds:F0} s");

            using var kuf = await SignedInAsync(factory, "kuf");
            var baseline = await MeasureAsync(kuf, "/fehler/404", requests);
            var inbox = await MeasureAsync(kuf, "/aufgaben", requests, mustContain: first);
            var status = await MeasureAsync(kuf, $"/antraege/{first}", requests);
            Print("/fehler/404 (baseline)", baseline, baseline);
            Print("/aufgaben (KuF inbox)", inbox, baseline);
            Print("/antraege/{id} (status)", status, baseline);
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
                // Quartz's threads may still hold their SQLite file for a moment; the folder is in the temp area.
            }
        }
    }

    private static void Print(string page, (double P50, double P95) figures, (double P50, double P95) baseline) =>
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{page,-26} p50 {figures.P50,8:F2} ms  p95 {figures.P95,8:F2} ms   ({figures.P50 / baseline.P50,6:F1}× / {figures.P95 / baseline.P95,6:F1}× the baseline)"));

    /// <summary>Submits the applications, eight at a time (as several applicants would); answers the first one's id.</summary>
    private static async Task<string> SeedAsync(PortalFactory factory, int count)
    {
        using var api = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost/") });
        var token = await (await api.PostAsJsonAsync("/api/dev/token", new { userName = "traeger", password = "traeger" })).EnsureSuccessStatusCode()
            .Content.ReadFromJsonAsync<JsonElement>();
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("accessToken").GetString());
        var year = TimeProvider.System.GetUtcNow().Year;
        var ids = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var response = await api.PostAsJsonAsync("/api/applications", new
            {
                fundId = "herten-aif",
                budgetYear = year,
                applicant = new { organisation = $"Verein {i} e. V.", contactName = "Aylin Demir", email = $"verein{i}@example.org", iban = "DE89 3704 0044 0532 0130 00" },
                title = $"Projekt {i}",
                description = "Ein Abend zu Beteiligung im Stadtteil.",
                fieldOfAction = "Demokratieförderung",
                targetGroups = new[] { "Jugendliche" },
                plannedParticipants = 20,
                period = new { start = $"{year}-12-30", end = $"{year}-12-31" },
                costPlan = new { lines = new[] { new { description = "Honorar", amount = 500m } }, ownFunds = 50m, thirdPartyFunds = 0m, requestedAmount = 450m },
            }, ct);
            var body = await response.Content.ReadAsStringAsync(ct);
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"Submitting application {i} answered {(int)response.StatusCode}: {body}");
            }

            ids[i] = JsonDocument.Parse(body).RootElement.GetProperty("applicationId").GetString()!;
        });
        return ids[0];
    }

    /// <summary>A client with the portal's session cookie, signed in through /anmelden like a browser (antiforgery token included).</summary>
    private static async Task<HttpClient> SignedInAsync(PortalFactory factory, string user)
    {
        // https: the session cookie is Secure, and the client's cookie container sends it only over https.
        var client = factory.CreateClient(new() { BaseAddress = new Uri("https://localhost/"), AllowAutoRedirect = false });
        var form = await client.GetStringAsync(new Uri("/anmelden", UriKind.Relative));
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = user, ["password"] = user, ["returnUrl"] = "/", ["__fw_token"] = token });
        var response = await client.PostAsync(new Uri("/anmelden?handler=password", UriKind.Relative), content);
        if ((int)response.StatusCode != 302)
        {
            throw new InvalidOperationException($"Signing in as {user} answered {(int)response.StatusCode}.");
        }

        return client;
    }

    private static async Task<(double P50, double P95)> MeasureAsync(HttpClient client, string path, int requests, string? mustContain = null)
    {
        var uri = new Uri(path, UriKind.Relative);
        using (var first = await client.GetAsync(uri))
        {
            var html = await first.Content.ReadAsStringAsync();
            if (!first.IsSuccessStatusCode || (mustContain is not null && !html.Contains(mustContain, StringComparison.Ordinal)))
            {
                throw new InvalidOperationException($"GET {path} answered {(int)first.StatusCode}{(mustContain is null ? "" : $", expected to contain {mustContain}")}.");
            }
        }

        // Warm-up: compiled views, query plans and the JIT's tiers settle before the timed requests.
        for (var i = 0; i < Math.Max(10, requests / 10); i++)
        {
            using var warm = await client.GetAsync(uri);
            _ = await warm.Content.ReadAsByteArrayAsync();
        }

        var times = new double[requests];
        for (var i = 0; i < requests; i++)
        {
            var start = Stopwatch.GetTimestamp();
            using var response = await client.GetAsync(uri);
            _ = await response.Content.ReadAsByteArrayAsync();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return (Percentile(times, 0.50), Percentile(times, 0.95));
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    [GeneratedRegex("name=\"__fw_token\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    private static string ServerProjectFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Foerderworkflow.sln")))
            {
                return Path.Combine(dir.FullName, "src", "Foerderworkflow.Server");
            }
        }

        throw new InvalidOperationException($"Foerderworkflow.sln not found above {AppContext.BaseDirectory}.");
    }

    /// <summary>The real server, in memory, on SQLite in <paramref name="folder"/>, with the demo funds and users.</summary>
    private sealed class PortalFactory(string folder) : WebApplicationFactory<server::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Development");
            // The factory would look for a content root named after the server's assembly beside the solution file;
            // the server's project folder is where its appsettings live.
            builder.UseContentRoot(ServerProjectFolder());
            builder.UseSetting("ConnectionStrings:Workflow", $"Data Source={Path.Combine(folder, "workflow.db")}");
            builder.UseSetting("Workflow:Store", "Sqlite");
            builder.UseSetting("Messaging:DeadLettersConnectionString", $"Data Source={Path.Combine(folder, "dead-letters.db")}");
            builder.UseSetting("Messaging:ProcessedMessagesConnectionString", $"Data Source={Path.Combine(folder, "processed-messages.db")}");
            builder.UseSetting("Notifications:ProcessedMessagesConnectionString", $"Data Source={Path.Combine(folder, "notifications.db")}");
            builder.UseSetting("Notifications:PickupDirectory", Path.Combine(folder, "mail"));
            builder.UseSetting("Accounting:ConnectionString", $"Data Source={Path.Combine(folder, "accounting.db")}");
            builder.UseSetting("Auth:EnableDevelopmentTokens", "true");
            builder.UseSetting("Funding:SeedDemoData", "true");
            // One information line per request would be measured too, and would bury the figures.
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("RateLimiting:Global:PermitLimit", "100000000");
            builder.UseSetting("RateLimiting:SignIn:PerClient", "1000000");
            builder.UseSetting("RateLimiting:SignIn:PerUserName", "1000000");
        }
    }
}
