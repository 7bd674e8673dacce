using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.WebUtilities;

namespace Foerderworkflow.Server.Tests.Studio;

/// <summary>
/// Production sign-in to /studio/ with OpenID Connect (Auth:Oidc) against a fake provider on a loopback port:
/// the challenge goes to the provider's authorization endpoint, the callback redeems the code, validates the ID token
/// and maps the configured group to the admin role; everyone else gets 403, API calls without a session 401.
/// </summary>
public sealed class StudioOpenIdConnectTests : IAsyncLifetime, IDisposable
{
    private FakeOidcProvider provider = null!;
    private OidcServerFactory server = null!;

    public async Task InitializeAsync()
    {
        provider = await FakeOidcProvider.StartAsync();
        server = new OidcServerFactory(provider.Authority);
    }

    public async Task DisposeAsync() => await provider.DisposeAsync();

    public void Dispose() => server?.Dispose();

    [Fact]
    public async Task Studio_WithoutSession_RedirectsToTheAuthorizeEndpoint_WithClientIdScopesAndPkce()
    {
        var browser = Browser();

        var response = await browser.GetAsync("/studio/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(provider.Authority + "/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(FakeOidcProvider.ClientId, query["client_id"]);
        Assert.Equal("openid profile", query["scope"]);
        Assert.Equal("code", query["response_type"]);
        Assert.Equal("https://localhost/studio/signin-oidc", query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));

        // The sign-in page hands over to the provider too; the editor's API calls get a plain 401, never a redirect.
        var signIn = await browser.GetAsync("/studio/signin");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith(provider.Authority + "/authorize?", signIn.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
    }

    [Fact]
    public async Task Callback_WithTheAdminGroup_OpensStudioAndItsApi()
    {
        provider.Groups = ["fw-admins"];
        var browser = await SignInAsync();

        var list = await browser.GetAsync("/studio/");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("Abläufe", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
        Assert.Equal("https://localhost/studio/signin-oidc", provider.LastTokenRequest["redirect_uri"]);
    }

    [Fact]
    public async Task Callback_WithoutTheAdminGroup_IsForbidden_EvenForAProviderGroupNamedAdmin()
    {
        provider.Groups = ["kuf", "admin"];
        var browser = await SignInAsync();

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/studio/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
    }

    [Fact]
    public async Task Callback_WithAWrongNonce_IsRefused_AndNoSessionIsCreated()
    {
        provider.Groups = ["fw-admins"];
        var browser = Browser();
        var challenge = await browser.GetAsync("/studio/");
        provider.Nonce = "from-another-sign-in";

        var callback = await browser.GetAsync($"/studio/signin-oidc?code={FakeOidcProvider.Code}&state={Uri.EscapeDataString(QueryHelpers.ParseQuery(challenge.Headers.Location!.Query)["state"]!)}");

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Contains("nonce", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/studio/")).StatusCode);
    }

    /// <summary>What a browser does: follow the challenge to the provider, come back with the code and the state.</summary>
    private async Task<HttpClient> SignInAsync()
    {
        var browser = Browser();
        var challenge = await browser.GetAsync("/studio/");
        var query = QueryHelpers.ParseQuery(challenge.Headers.Location!.Query);
        provider.Nonce = query["nonce"];

        var callback = await browser.GetAsync($"/studio/signin-oidc?code={FakeOidcProvider.Code}&state={Uri.EscapeDataString(query["state"]!)}");

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/studio/", callback.Headers.Location!.OriginalString);
        Assert.Contains(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith("fw_studio=", StringComparison.Ordinal)
            && c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("secure", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase));
        return browser;
    }

    /// <summary>A cookie-keeping client on https (the correlation cookie is Secure) that does not follow redirects.</summary>
    private HttpClient Browser() => server.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    private sealed class OidcServerFactory(string authority) : WebApplicationFactory<Program>
    {
        private readonly string folder = Directory.CreateTempSubdirectory("fw-oidc-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Workflow", $"Data Source={Path.Combine(folder, "workflow.db")}");
            builder.UseSetting("Workflow:Store", "Sqlite");
            builder.UseSetting("Workflow:ImportAtStartup", "false");
            builder.UseSetting("Auth:EnableDevelopmentTokens", "false");
            builder.UseSetting("Auth:Authority", authority);
            builder.UseSetting("Auth:Oidc:ClientId", FakeOidcProvider.ClientId);
            builder.UseSetting("Auth:Oidc:ClientSecret", FakeOidcProvider.ClientSecret);
            builder.UseSetting("Auth:Oidc:RoleClaim", "groups");
            builder.UseSetting("Auth:Oidc:AdminRoles:0", "fw-admins");
            builder.UseSetting("Auth:Oidc:RequireHttpsMetadata", "false");
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                try
                {
                    Directory.Delete(folder, recursive: true);
                }
                catch (IOException)
                {
                    // Quartz may still hold its SQLite file for a moment; the temp folder is harmless.
                }
            }
        }
    }
}
