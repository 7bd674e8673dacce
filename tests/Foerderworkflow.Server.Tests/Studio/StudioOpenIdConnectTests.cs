using System.Net;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Foerderworkflow.Server.Tests.Studio;

/// <summary>
/// Production sign-in to /studio/ with ASP.NET Core's OpenID Connect handler (Auth:Oidc) against a fake provider in
/// memory (its back channel is the provider's TestServer): the challenge goes to the provider's authorization endpoint,
/// the callback redeems the code (PKCE checked by the provider), the handler validates the ID token and the configured
/// group maps to the admin role; everyone else gets 403, API calls without a session 401. Sign-out ends the provider's
/// session; refresh tokens keep a session alive or end it; forwarded headers count only from known proxies.
/// </summary>
public sealed class StudioOpenIdConnectTests : IAsyncLifetime
{
    private readonly TestClock clock = new(TestClock.Start);
    private readonly List<OidcServerFactory> servers = [];
    private FakeOidcProvider provider = null!;

    public async Task InitializeAsync() => provider = await FakeOidcProvider.StartAsync(clock);

    public async Task DisposeAsync()
    {
        foreach (var server in servers)
        {
            await server.DisposeAsync();
        }

        await provider.DisposeAsync();
    }

    [Fact]
    public async Task Studio_WithoutSession_RedirectsToTheAuthorizeEndpoint_WithClientIdScopesAndPkce()
    {
        var browser = Browser(Server());

        var response = await browser.GetAsync("/studio/");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!;
        Assert.Equal(FakeOidcProvider.Authority + "/authorize", location.GetLeftPart(UriPartial.Path));
        var query = QueryHelpers.ParseQuery(location.Query);
        Assert.Equal(FakeOidcProvider.ClientId, query["client_id"]);
        Assert.Equal("openid profile", query["scope"]);
        Assert.Equal("code", query["response_type"]);
        // The code comes back in the query, the code flow's default, so the handler leaves response_mode out.
        Assert.False(query.ContainsKey("response_mode"));
        Assert.Equal("https://localhost/studio/signin-oidc", query["redirect_uri"]);
        Assert.Equal("S256", query["code_challenge_method"]);
        Assert.False(string.IsNullOrEmpty(query["code_challenge"]));
        Assert.False(string.IsNullOrEmpty(query["nonce"]));
        Assert.False(string.IsNullOrEmpty(query["state"]));
        Assert.DoesNotContain(query.Keys, k => k.StartsWith("x-client", StringComparison.Ordinal));

        // The sign-in page hands over to the provider too; the editor's API calls get a plain 401, never a redirect.
        var signIn = await browser.GetAsync("/studio/signin");
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.StartsWith(FakeOidcProvider.Authority + "/authorize?", signIn.Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
    }

    [Fact]
    public async Task Callback_WithTheAdminGroup_OpensStudioAndItsApi()
    {
        provider.Groups = ["fw-admins"];
        var browser = await SignInAsync(Server());

        var list = await browser.GetAsync("/studio/");
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        Assert.Contains("Abläufe", await list.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
        Assert.Equal("https://localhost/studio/signin-oidc", provider.LastTokenRequest["redirect_uri"]);
        Assert.Equal("authorization_code", provider.LastTokenRequest["grant_type"]);
    }

    [Fact]
    public async Task Callback_WithoutTheAdminGroup_IsForbidden_EvenForAProviderGroupNamedAdmin()
    {
        provider.Groups = ["kuf", "admin"];
        var browser = await SignInAsync(Server());

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/studio/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
    }

    [Fact]
    public async Task Callback_WithAMappedProviderGroup_GivesThePortalRole_AndNothingElse()
    {
        provider.Groups = ["KuF-Team"];
        var browser = await SignInAsync(Server(("Auth:Oidc:Roles:kuf:0", "KuF-Team")));

        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/aufgaben")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/studio/")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/abstimmungen")).StatusCode);
    }

    [Fact]
    public async Task Callback_WithAProviderGroupNamedLikeARole_ButNotMapped_GivesNoPortalRole()
    {
        provider.Groups = ["kuf"];
        var browser = await SignInAsync(Server());

        Assert.Equal(HttpStatusCode.Forbidden, (await browser.GetAsync("/aufgaben")).StatusCode);
    }

    [Fact]
    public async Task Callback_WithAWrongNonce_IsRefused_AndNoSessionIsCreated()
    {
        provider.Groups = ["fw-admins"];
        provider.NonceOverride = "from-another-sign-in";
        var browser = Browser(Server());

        var callback = await FollowToCallbackAsync(browser);

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.Contains("nonce", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.False(callback.Headers.TryGetValues("Set-Cookie", out var cookies) && cookies.Any(c => c.StartsWith(BrowserSignIn.SessionCookie + "=", StringComparison.Ordinal)));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/studio/")).StatusCode);
    }

    [Fact]
    public async Task Callback_WithAStateThatWasNeverIssued_IsRefusedInGerman()
    {
        var browser = Browser(Server());

        var callback = await browser.GetAsync("/studio/signin-oidc?code=forged&state=forged");

        Assert.Equal(HttpStatusCode.Forbidden, callback.StatusCode);
        Assert.StartsWith("Anmeldung fehlgeschlagen", await callback.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignOut_EndsTheProviderSession_WithTheIdTokenAsHint_AndComesBackToTheSignedOutPage()
    {
        provider.Groups = ["fw-admins"];
        var browser = await SignInAsync(Server());
        var idToken = provider.LastIdToken;

        var signOut = await browser.PostAsync("/studio/signout", content: null);

        Assert.Equal(HttpStatusCode.Redirect, signOut.StatusCode);
        Assert.Equal(FakeOidcProvider.Authority + "/logout", signOut.Headers.Location!.GetLeftPart(UriPartial.Path));
        Assert.Contains(signOut.Headers.GetValues("Set-Cookie"), c => c.StartsWith(BrowserSignIn.SessionCookie + "=;", StringComparison.Ordinal));
        var logout = await provider.Browser.GetAsync(signOut.Headers.Location);
        Assert.Equal(idToken, provider.LastLogoutRequest["id_token_hint"]);
        Assert.Equal("https://localhost/signout-callback-oidc", provider.LastLogoutRequest["post_logout_redirect_uri"]);
        var back = await browser.GetAsync(logout.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, back.StatusCode);
        Assert.Equal("/studio/signedout", back.Headers.Location!.OriginalString);
        Assert.Contains("Sie sind abgemeldet", await (await browser.GetAsync("/studio/signedout")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.StartsWith(FakeOidcProvider.Authority + "/authorize?", (await browser.GetAsync("/studio/")).Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Session_WithoutRefreshTokens_OutlivesTheAccessToken_UntilTheConfiguredLifetime()
    {
        provider.Groups = ["fw-admins"];
        var browser = await SignInAsync(Server());

        clock.Advance(FakeOidcProvider.AccessTokenLifetime + TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
        Assert.Equal(0, provider.Refreshes);

        clock.Advance(TimeSpan.FromHours(8));
        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
    }

    [Fact]
    public async Task Session_WithRefreshTokens_RefreshesTheExpiringAccessToken_WithTheRotatedRefreshToken()
    {
        provider.Groups = ["fw-admins"];
        var browser = await SignInAsync(Server(("Auth:Oidc:UseRefreshTokens", "true")));
        Assert.Equal("openid profile offline_access", provider.LastAuthorizeRequest["scope"]);

        clock.Advance(FakeOidcProvider.AccessTokenLifetime - TimeSpan.FromSeconds(30));
        var first = await browser.GetAsync("/elsa/api/descriptors/activities");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(1, provider.Refreshes);
        Assert.Contains(first.Headers.GetValues("Set-Cookie"), c => c.StartsWith(BrowserSignIn.SessionCookie + "=", StringComparison.Ordinal));

        // The provider accepts each refresh token once: a second refresh only works with the one the cookie now holds.
        clock.Advance(FakeOidcProvider.AccessTokenLifetime);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
        Assert.Equal(2, provider.Refreshes);
        Assert.Equal("refresh_token", provider.LastTokenRequest["grant_type"]);
    }

    [Fact]
    public async Task Session_WhenTheProviderRefusesTheRefresh_Ends_AndTheNextPageGoesToTheProvider()
    {
        provider.Groups = ["fw-admins"];
        var browser = await SignInAsync(Server(("Auth:Oidc:UseRefreshTokens", "true")));
        provider.RefuseRefresh = true;

        clock.Advance(FakeOidcProvider.AccessTokenLifetime);

        Assert.Equal(HttpStatusCode.Unauthorized, (await browser.GetAsync("/elsa/api/descriptors/activities")).StatusCode);
        Assert.Equal(1, provider.Refreshes);
        Assert.StartsWith(FakeOidcProvider.Authority + "/authorize?", (await browser.GetAsync("/studio/")).Headers.Location!.AbsoluteUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RedirectUri_BehindAKnownProxy_IsTheBrowsersHttpsAddress_AndOthersForwardedHeadersAreIgnored()
    {
        var server = Server(("ForwardedHeaders:KnownProxies:0", "10.0.0.5"));

        var viaProxy = await ChallengeFromAsync(server, "10.0.0.5");
        var direct = await ChallengeFromAsync(server, "203.0.113.9");

        Assert.Equal("https://foerderung.example/studio/signin-oidc", viaProxy);
        Assert.Equal("http://server:8080/studio/signin-oidc", direct);
    }

    /// <summary>A plain-http request for /studio/ as a proxy forwards it (X-Forwarded-*), from the given address; the redirect_uri the server sends.</summary>
    private static async Task<string?> ChallengeFromAsync(OidcServerFactory server, string remoteAddress)
    {
        var context = await server.Server.SendAsync(http =>
        {
            http.Request.Method = HttpMethods.Get;
            http.Request.Scheme = "http";
            http.Request.Host = new HostString("server:8080");
            http.Request.Path = "/studio/";
            http.Request.Headers["X-Forwarded-Proto"] = "https";
            http.Request.Headers["X-Forwarded-Host"] = "foerderung.example";
            http.Request.Headers["X-Forwarded-For"] = "198.51.100.7";
            http.Connection.RemoteIpAddress = IPAddress.Parse(remoteAddress);
        });
        Assert.Equal(StatusCodes.Status302Found, context.Response.StatusCode);
        return QueryHelpers.ParseQuery(new Uri(context.Response.Headers.Location!).Query)["redirect_uri"];
    }

    /// <summary>What a browser does: follow the challenge to the provider and come back with the code and the state.</summary>
    private async Task<HttpClient> SignInAsync(OidcServerFactory server)
    {
        var browser = Browser(server);

        var callback = await FollowToCallbackAsync(browser);

        Assert.Equal(HttpStatusCode.Redirect, callback.StatusCode);
        Assert.Equal("/studio/", callback.Headers.Location!.OriginalString);
        Assert.Contains(callback.Headers.GetValues("Set-Cookie"), c => c.StartsWith(BrowserSignIn.SessionCookie + "=", StringComparison.Ordinal)
            && c.Contains("httponly", StringComparison.OrdinalIgnoreCase) && c.Contains("secure", StringComparison.OrdinalIgnoreCase) && c.Contains("samesite=lax", StringComparison.OrdinalIgnoreCase));
        return browser;
    }

    private async Task<HttpResponseMessage> FollowToCallbackAsync(HttpClient browser)
    {
        var challenge = await browser.GetAsync("/studio/");
        Assert.Equal(HttpStatusCode.Redirect, challenge.StatusCode);
        var authorize = await provider.Browser.GetAsync(challenge.Headers.Location);
        Assert.Equal(HttpStatusCode.Redirect, authorize.StatusCode);
        return await browser.GetAsync(authorize.Headers.Location);
    }

    private OidcServerFactory Server(params (string Key, string Value)[] settings)
    {
        var server = new OidcServerFactory(provider, clock, settings);
        servers.Add(server);
        return server;
    }

    /// <summary>A cookie-keeping client on https (the session and correlation cookies are Secure) that does not follow redirects.</summary>
    private static HttpClient Browser(OidcServerFactory server) => server.CreateClient(new WebApplicationFactoryClientOptions
    {
        AllowAutoRedirect = false,
        HandleCookies = true,
        BaseAddress = new Uri("https://localhost"),
    });

    private sealed class OidcServerFactory(FakeOidcProvider provider, TimeProvider clock, (string Key, string Value)[] settings) : WebApplicationFactory<Program>
    {
        private readonly string folder = Directory.CreateTempSubdirectory("fw-oidc-").FullName;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseEnvironment("Production");
            builder.UseSetting("ConnectionStrings:Workflow", $"Data Source={Path.Combine(folder, "workflow.db")}");
            builder.UseSetting("Workflow:Store", "Sqlite");
            builder.UseSetting("Workflow:ImportAtStartup", "false");
            builder.UseSetting("Timers:Scheduler", "Polling");
            builder.UseSetting("Auth:EnableDevelopmentTokens", "false");
            builder.UseSetting("Auth:Authority", FakeOidcProvider.Authority);
            builder.UseSetting("Auth:Oidc:ClientId", FakeOidcProvider.ClientId);
            builder.UseSetting("Auth:Oidc:ClientSecret", FakeOidcProvider.ClientSecret);
            builder.UseSetting("Auth:Oidc:RoleClaim", "groups");
            builder.UseSetting("Auth:Oidc:AdminRoles:0", "fw-admins");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            builder.ConfigureTestServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton(clock);
                // Configure, not PostConfigure: the handlers build their back channel from this in their own post-configuration.
                services.Configure<OpenIdConnectOptions>(BrowserSignIn.Scheme, oidc => oidc.BackchannelHttpHandler = provider.Handler);
                services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, jwt => jwt.BackchannelHttpHandler = provider.Handler);
            });
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
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
