using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Foerderworkflow.Server.Tests.Security;

/// <summary>
/// Outside Development there are no demo users: not by default, and a setting that switches them on stops the start.
/// </summary>
public sealed class ProductionSafetyTests
{
    [Fact]
    public async Task DevelopmentTokens_ProductionByDefault_AreNotServed()
    {
        using var server = new EnvironmentServer("Production", []);
        var client = server.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var token = await client.PostAsJsonAsync("/api/dev/token", new { userName = "admin", password = "admin" });
        Assert.NotEqual(HttpStatusCode.OK, token.StatusCode);

        var studio = await client.PostAsync("/studio/signin", new FormUrlEncodedContent(new Dictionary<string, string> { ["userName"] = "admin", ["password"] = "admin" }));
        Assert.StartsWith("/studio/signin?error=1", studio.Headers.Location?.OriginalString);
        Assert.False(studio.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void Start_DevelopmentTokensOutsideDevelopment_IsRefused(string environment)
    {
        using var server = new EnvironmentServer(environment, new() { ["Auth:EnableDevelopmentTokens"] = "true" });

        Assert.ThrowsAny<Exception>(() => server.CreateClient());
    }

    [Fact]
    public void Start_OidcDiscoveryOverPlainHttpOutsideDevelopment_IsRefused()
    {
        using var server = new EnvironmentServer("Production", new()
        {
            ["Auth:Authority"] = "https://idp.example",
            ["Auth:Oidc:ClientId"] = "studio",
            ["Auth:Oidc:RequireHttpsMetadata"] = "false",
        });

        Assert.ThrowsAny<Exception>(() => server.CreateClient());
    }

    [Theory]
    [InlineData("CallbackPath", "signin-oidc")]
    [InlineData("SignedOutCallbackPath", "https://foerderung.example/signout-callback-oidc")]
    public void Start_OidcCallbackPathNotAPath_IsRefused(string key, string value)
    {
        using var server = new EnvironmentServer("Production", new()
        {
            ["Auth:Authority"] = "https://idp.example",
            ["Auth:Oidc:ClientId"] = "studio",
            [$"Auth:Oidc:{key}"] = value,
        });

        Assert.ThrowsAny<Exception>(() => server.CreateClient());
    }

    [Theory]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "0.0.0.0/0")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "::/0")]
    [InlineData("ForwardedHeaders:KnownNetworks:0", "10.0.0.0")]
    [InlineData("ForwardedHeaders:KnownProxies:0", "proxy.intern")]
    [InlineData("ForwardedHeaders_Enabled", "true")]
    public void Start_ForwardedHeadersFromAnyoneOrUnreadable_IsRefused(string key, string value)
    {
        using var server = new EnvironmentServer("Production", new() { [key] = value });

        Assert.ThrowsAny<Exception>(() => server.CreateClient());
    }

    [Fact]
    public async Task Start_ForwardedHeadersFromANamedProxyNetwork_Starts()
    {
        using var server = new EnvironmentServer("Production", new() { ["ForwardedHeaders:KnownNetworks:0"] = "10.0.0.0/24", ["ForwardedHeaders:KnownProxies:0"] = "fd00::5" });

        Assert.Equal(HttpStatusCode.OK, (await server.CreateClient().GetAsync("/health/live")).StatusCode);
    }

    [Fact]
    public async Task DevelopmentTokens_InDevelopment_StillWork()
    {
        using var server = new EnvironmentServer("Development", []);
        var client = server.CreateClient();

        var token = await client.PostAsJsonAsync("/api/dev/token", new { userName = "admin", password = "admin" });

        Assert.Equal(HttpStatusCode.OK, token.StatusCode);
    }

    [Theory]
    [InlineData("c2hvcnQ=")] // "short": 5 bytes
    [InlineData("not base64 at all!")]
    public void Start_SigningKeyTooShortOrNotBase64_IsRefused(string key)
    {
        using var server = new EnvironmentServer("Development", new() { ["Auth:SigningKey"] = key });

        Assert.ThrowsAny<Exception>(() => server.CreateClient());
    }

    [Fact]
    public async Task SigningKey_Configured_TokensSurviveARestart()
    {
        var key = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));
        var folder = Directory.CreateTempSubdirectory("fw-key-").FullName;
        string token;
        using (var first = new EnvironmentServer("Development", new() { ["Auth:SigningKey"] = key }, folder))
        {
            var response = await first.CreateClient().PostAsJsonAsync("/api/dev/token", new { userName = "kuf", password = "kuf" });
            token = (await response.Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        }

        using var second = new EnvironmentServer("Development", new() { ["Auth:SigningKey"] = key }, folder);
        var client = second.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", token);

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);
    }

    private sealed record TokenResponse(string AccessToken);

    /// <summary>The server as its environment and appsettings files make it, with only the store and the given settings set.</summary>
    private sealed class EnvironmentServer(string environment, Dictionary<string, string> settings, string? folder = null) : WebApplicationFactory<Program>
    {
        private readonly string folder = folder ?? Directory.CreateTempSubdirectory("fw-env-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("ConnectionStrings:Workflow", $"Data Source={Path.Combine(folder, "workflow.db")}");
            builder.UseSetting("Workflow:Store", "Sqlite");
            builder.UseSetting("Timers:Scheduler", "Polling");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        }
    }
}
