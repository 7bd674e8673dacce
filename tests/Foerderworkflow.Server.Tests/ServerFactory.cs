using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Foerderworkflow.Server.Tests;

/// <summary>
/// The real server on a fresh store: SQLite in a temporary folder by default, or a fresh PostgreSQL database when
/// the test class asks for one.
/// </summary>
public class ServerFactory : WebApplicationFactory<Program>
{
    private readonly string folder = Directory.CreateTempSubdirectory("fw-server-").FullName;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        ConfigureStore(builder, folder);
        builder.UseSetting("Auth:EnableDevelopmentTokens", "true");
        builder.UseSetting("Funding:SeedDemoData", "true");
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
        if (disposing && Directory.Exists(folder))
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
}
