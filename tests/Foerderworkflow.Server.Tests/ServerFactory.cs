using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Foerderworkflow.Server.Tests;

/// <summary>
/// The real server on a fresh store: SQLite in a temporary folder by default, or a fresh PostgreSQL database when
/// the test class asks for one.
/// </summary>
public class ServerFactory : WebApplicationFactory<Program>
{
    private readonly string folder;
    private readonly bool ownsFolder;

    public ServerFactory()
        : this(realClock: false)
    {
    }

    /// <param name="realClock">True for a test that needs the real clock (e.g. timers firing in Quartz in real time).</param>
    protected ServerFactory(bool realClock)
    {
        folder = Directory.CreateTempSubdirectory("fw-server-").FullName;
        ownsFolder = true;
        Clock = realClock ? null : new TestClock(TestClock.Start);
    }

    /// <summary>A server on the SQLite file of another factory's <paramref name="sharedFolder"/>: a restart, or a second node.</summary>
    protected ServerFactory(string sharedFolder)
    {
        folder = sharedFolder;
        ownsFolder = false;
        Clock = new TestClock(TestClock.Start);
    }

    /// <summary>The server's clock (fixed start, see <see cref="TestClock"/>); null when the test runs on the real clock.</summary>
    public TestClock? Clock { get; }

    /// <summary>The SQLite workflow database (instances, funding tables, outbox) of this server, for tests that count rows.</summary>
    public string DatabaseFile => Path.Combine(folder, "workflow.db");

    /// <summary>Where the server's embedded notification worker writes its <c>.eml</c> files.</summary>
    public string MailFolder => Path.Combine(folder, "mail");

    /// <summary>A server on the SQLite file in <paramref name="folder"/>, which the caller creates and deletes: several in turn are restarts.</summary>
    public static ServerFactory OnDatabaseIn(string folder) => new SharedFolderServerFactory(folder);

    /// <summary>A server on the real clock, for a test that needs it (timers firing in real time).</summary>
    public static ServerFactory WithRealClock() => new RealClockServerFactory();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        ConfigureStore(builder, folder);
        builder.UseSetting("Messaging:DeadLettersConnectionString", $"Data Source={Path.Combine(folder, "dead-letters.db")}");
        builder.UseSetting("Notifications:PickupDirectory", MailFolder);
        builder.UseSetting("Notifications:ProcessedMessagesConnectionString", $"Data Source={Path.Combine(folder, "notifications.db")}");
        builder.UseSetting("Auth:EnableDevelopmentTokens", "true");
        builder.UseSetting("Funding:SeedDemoData", "true");
        // The suites fire thousands of requests and sign-ins from one client within seconds; the limits themselves are
        // tested with small ones (RateLimitingTests), so here they are raised out of the way.
        builder.UseSetting("RateLimiting:Global:PermitLimit", "1000000");
        builder.UseSetting("RateLimiting:SignIn:PerClient", "1000000");
        builder.UseSetting("RateLimiting:SignIn:PerUserName", "1000000");
        if (Clock is { } clock)
        {
            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(clock);
            });
        }
    }

    /// <summary>The workflow store: SQLite in the factory's temporary folder unless a subclass picks another.</summary>
    protected virtual void ConfigureStore(IWebHostBuilder builder, string folder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("ConnectionStrings:Workflow", $"Data Source={Path.Combine(folder, "workflow.db")}");
        builder.UseSetting("Workflow:Store", "Sqlite");
    }

    /// <summary>A client signed in as one of the seeded demo users (password = user name).</summary>
    public async Task<HttpClient> SignedInClientAsync(string user)
    {
        var client = CreateClient();
        var response = await client.PostAsJsonAsync("/api/dev/token", new { userName = user, password = user });
        response.EnsureSuccessStatusCode();
        var token = await response.Content.ReadFromJsonAsync<TokenResponse>();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token!.AccessToken);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && ownsFolder && Directory.Exists(folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Quartz's scheduler threads can still touch their SQLite file for a moment after the host stopped.
                // The folder is in the temp area; leaving it is harmless, failing the test for it would be wrong.
            }
        }
    }

    private sealed record TokenResponse(string AccessToken);

    private sealed class SharedFolderServerFactory(string folder) : ServerFactory(folder);

    private sealed class RealClockServerFactory() : ServerFactory(realClock: true);
}
