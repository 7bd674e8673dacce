using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Foerderworkflow.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// The real server for the portal's browser tests: Kestrel on a loopback port, SQLite and the e-mail pickup folder in a
/// temporary folder, the demo funds and users seeded (embedded default). Its own factory rather than
/// <see cref="StudioServer"/>: the portal needs no Studio bundle, and the e-mails must link to this server's address.
/// </summary>
public sealed class PortalServer : WebApplicationFactory<Program>
{
    private readonly string folder = Directory.CreateTempSubdirectory("fw-portal-").FullName;

    public PortalServer()
    {
        // The port is picked before the start (not Kestrel's port 0) because the e-mails' links are built from
        // Notifications:StatusPageBaseUrl, a setting read at start-up: it must already name this server.
        var port = LoopbackPort.Free();
        BaseUrl = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        UseKestrel(port);
        StartServer();
    }

    /// <summary>The server's address; page and API share this one origin, so the session cookie is the same.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Where the server's embedded notification worker writes its <c>.eml</c> files.</summary>
    public string MailFolder => Path.Combine(folder, "mail");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:Workflow", $"Data Source={Path.Combine(folder, "workflow.db")}");
        builder.UseSetting("Workflow:Store", "Sqlite");
        // Every file the embedded default writes goes to the temporary folder, none into the test output folder that
        // the Studio tests' server shares.
        builder.UseSetting("Messaging:DeadLettersConnectionString", $"Data Source={Path.Combine(folder, "dead-letters.db")}");
        builder.UseSetting("Messaging:ProcessedMessagesConnectionString", $"Data Source={Path.Combine(folder, "processed-messages.db")}");
        builder.UseSetting("Notifications:ProcessedMessagesConnectionString", $"Data Source={Path.Combine(folder, "notifications.db")}");
        builder.UseSetting("Accounting:ConnectionString", $"Data Source={Path.Combine(folder, "accounting.db")}");
        builder.UseSetting("Notifications:PickupDirectory", MailFolder);
        builder.UseSetting("Notifications:StatusPageBaseUrl", BaseUrl.ToString().TrimEnd('/'));
        builder.UseSetting("Auth:EnableDevelopmentTokens", "true");
        builder.UseSetting("Funding:SeedDemoData", "true");
        // The tests sign in many times from one client within seconds; the limits are tested elsewhere with small ones.
        builder.UseSetting("RateLimiting:Global:PermitLimit", "1000000");
        builder.UseSetting("RateLimiting:SignIn:PerClient", "1000000");
        builder.UseSetting("RateLimiting:SignIn:PerUserName", "1000000");
    }

    /// <summary>An API client with a bearer token of a seeded user (password = user name), for the steps a test does not show.</summary>
    public async Task<HttpClient> ApiClientAsync(string user)
    {
#pragma warning disable CA2000 // The caller owns the client.
        var client = new HttpClient { BaseAddress = BaseUrl };
#pragma warning restore CA2000
        var response = await client.PostAsJsonAsync("/api/dev/token", new { userName = user, password = user });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    /// <summary>
    /// Submits an application to the action fund through the API, as the README's walk-through does, and answers its
    /// id and file number. The project runs from today (German time) for a few days within the budget year.
    /// </summary>
    public async Task<SubmittedApplication> SubmitApplicationAsync(string user, string title)
    {
        using var client = await ApiClientAsync(user);
        var today = GermanToday();
        var end = today.AddDays(5).Year == today.Year ? today.AddDays(5) : today;
        var response = await client.PostAsJsonAsync("/api/applications", new
        {
            fundId = "herten-aif",
            budgetYear = today.Year,
            applicant = new
            {
                organisation = "Nachbarschaftsverein Herten-Süd e. V.",
                contactName = "Aylin Demir",
                email = "kontakt@nachbarschaft-herten.example",
                iban = "DE89 3704 0044 0532 0130 00",
            },
            title,
            description = "Drei Abende zu Beteiligung im Stadtteil.",
            fieldOfAction = "Demokratieförderung",
            targetGroups = new[] { "Jugendliche", "Senioren" },
            plannedParticipants = 40,
            period = new { start = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), end = end.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
            costPlan = new
            {
                lines = new[] { new { description = "Honorar Moderation", amount = 1300m }, new { description = "Raummiete", amount = 200m } },
                ownFunds = 200m,
                thirdPartyFunds = 0m,
                requestedAmount = 1300m,
            },
        });
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"POST /api/applications answered {(int)response.StatusCode}: {body}");
        using var json = JsonDocument.Parse(body);
        return new SubmittedApplication(json.RootElement.GetProperty("applicationId").GetString()!, json.RootElement.GetProperty("fileNumber").GetString()!);
    }

    /// <summary>A step done through the API (for the steps whose portal page does not exist yet); answers the case as JSON.</summary>
    public async Task<JsonElement> PostAsync(string user, string path, object body)
    {
        using var client = await ApiClientAsync(user);
        var response = await client.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{user}: POST {path} answered {(int)response.StatusCode}: {text}");
        return JsonSerializer.Deserialize<JsonElement>(text);
    }

    /// <summary>Uploads an attachment to an application as its applicant (multipart, field <c>file</c>).</summary>
    public async Task UploadAsync(string user, string applicationId, string fileName, string contentType, byte[] content)
    {
        using var client = await ApiClientAsync(user);
        using var form = new MultipartFormDataContent();
        using var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "file", fileName);
        var response = await client.PostAsync(new Uri($"/api/applications/{Uri.EscapeDataString(applicationId)}/attachments", UriKind.Relative), form);
        Assert.True(response.IsSuccessStatusCode, $"{user}: upload of {fileName} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
    }

    /// <summary>Today in Germany: the server reckons project days in German time.</summary>
    public static DateOnly GermanToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime);

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Quartz's threads can touch their SQLite file for a moment after the host stopped; a leftover temporary
                // folder is harmless, a failed test for it would be wrong.
            }
        }
    }

    private sealed record TokenResponse(string AccessToken);
}
