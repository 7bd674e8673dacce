using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.BrowserTests;

/// <summary>
/// The real server on a real loopback port (Kestrel, port 0), SQLite in a temporary folder, serving the Elsa Studio
/// package that <c>ops/fetch-elsa-studio.sh</c> fetched.
/// </summary>
public sealed class StudioServer : WebApplicationFactory<Program>
{
    private readonly string folder = Directory.CreateTempSubdirectory("fw-browser-").FullName;

    public StudioServer(string packagePath)
    {
        PackagePath = packagePath;
        UseKestrel(0);
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        // Kestrel answers on 127.0.0.1 as "localhost"; the page and the API must share one origin for the cookie.
        BaseUrl = new Uri(addresses.First().Replace("[::1]", "127.0.0.1", StringComparison.Ordinal).Replace("localhost", "127.0.0.1", StringComparison.Ordinal));
    }

    public string PackagePath { get; }

    public Uri BaseUrl { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseUrls("http://127.0.0.1:0");
        builder.UseSetting("ConnectionStrings:Workflow", $"Data Source={Path.Combine(folder, "workflow.db")}");
        builder.UseSetting("Workflow:Store", "Sqlite");
        builder.UseSetting("Auth:EnableDevelopmentTokens", "true");
        builder.UseSetting("Studio:PackagePath", PackagePath);
        // The suites fire thousands of requests and sign-ins from one client within seconds; the limits themselves are
        // tested with small ones (RateLimitingTests), so here they are raised out of the way.
        builder.UseSetting("RateLimiting:Global:PermitLimit", "1000000");
        builder.UseSetting("RateLimiting:SignIn:PerClient", "1000000");
        builder.UseSetting("RateLimiting:SignIn:PerUserName", "1000000");
    }

    /// <summary>An API client on the loopback port with a bearer token of a seeded user (password = user name).</summary>
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

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(folder))
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private sealed record TokenResponse(string AccessToken);
}
