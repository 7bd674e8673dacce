using System.Collections.Concurrent;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.TestHost;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Foerderworkflow.Server.Tests.Studio;

/// <summary>
/// A small OpenID Connect provider in memory (TestServer, no port): discovery document, signing keys, authorize
/// endpoint (remembers nonce and PKCE challenge per code), token endpoint (authorization code with the PKCE check, and
/// refresh tokens that rotate), and end_session. The server's OpenID Connect handler reaches it through
/// <see cref="Handler"/> as its back channel; the test's "browser" follows the redirects with <see cref="Browser"/>.
/// </summary>
internal sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string Authority = "https://idp.test";
    public const string ClientId = "studio-client";
    public const string ClientSecret = "geheim";
    public static readonly TimeSpan AccessTokenLifetime = TimeSpan.FromMinutes(5);

    private readonly WebApplication app;
    private readonly TimeProvider clock;
    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "k1" };
    private readonly ConcurrentDictionary<string, Grant> codes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Grant> refreshTokens = new(StringComparer.Ordinal);
    private int refreshes;

    private FakeOidcProvider(WebApplication app, TimeProvider clock)
    {
        this.app = app;
        this.clock = clock;
    }

    /// <summary>The back channel for the server's handler: requests to <see cref="Authority"/> end up here, in memory.</summary>
    public HttpMessageHandler Handler => app.GetTestServer().CreateHandler();

    /// <summary>The provider's side of the browser: follows nothing, so the test sees every redirect.</summary>
    public HttpClient Browser { get; private set; } = null!;

    public string[] Groups { get; set; } = [];

    /// <summary>When set, the ID token carries this nonce instead of the one of the authorization request.</summary>
    public string? NonceOverride { get; set; }

    /// <summary>The provider refuses every refresh (user locked, session ended at the provider).</summary>
    public bool RefuseRefresh { get; set; }

    public int Refreshes => refreshes;

    public IReadOnlyDictionary<string, string> LastAuthorizeRequest { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> LastTokenRequest { get; private set; } = new Dictionary<string, string>();

    public IReadOnlyDictionary<string, string> LastLogoutRequest { get; private set; } = new Dictionary<string, string>();

    /// <summary>The ID token of the last sign-in (the server must send it back as id_token_hint at logout).</summary>
    public string? LastIdToken { get; private set; }

    public static async Task<FakeOidcProvider> StartAsync(TimeProvider clock)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseTestServer();
        var provider = new FakeOidcProvider(builder.Build(), clock);
        provider.Map();
        await provider.app.StartAsync();
        provider.Browser = new HttpClient(provider.Handler) { BaseAddress = new Uri(Authority) };
        return provider;
    }

    private void Map()
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token",
            ["end_session_endpoint"] = Authority + "/logout",
            ["jwks_uri"] = Authority + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", (HttpRequest request) =>
        {
            var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            LastAuthorizeRequest = query;
            if (query.GetValueOrDefault("client_id") != ClientId || query.GetValueOrDefault("response_type") != "code"
                || query.GetValueOrDefault("code_challenge_method") != "S256" || string.IsNullOrEmpty(query.GetValueOrDefault("code_challenge")))
            {
                return Results.BadRequest("invalid_request");
            }

            var code = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
            codes[code] = new Grant(query["redirect_uri"], query["code_challenge"], query.GetValueOrDefault("nonce"), query.GetValueOrDefault("scope") ?? string.Empty);
            return Results.Redirect(QueryHelpers.AddQueryString(query["redirect_uri"], new Dictionary<string, string?> { ["code"] = code, ["state"] = query.GetValueOrDefault("state") }));
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = (await request.ReadFormAsync()).ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            LastTokenRequest = form;
            if (form.GetValueOrDefault("client_id") != ClientId || form.GetValueOrDefault("client_secret") != ClientSecret)
            {
                return Error("invalid_client");
            }

            switch (form.GetValueOrDefault("grant_type"))
            {
                case "authorization_code":
                    if (!codes.TryRemove(form.GetValueOrDefault("code") ?? string.Empty, out var grant) || grant.RedirectUri != form.GetValueOrDefault("redirect_uri")
                        || grant.CodeChallenge != Challenge(form.GetValueOrDefault("code_verifier")))
                    {
                        return Error("invalid_grant");
                    }

                    return Tokens(grant, NonceOverride ?? grant.Nonce);
                case "refresh_token":
                    Interlocked.Increment(ref refreshes);
                    if (RefuseRefresh || !refreshTokens.TryRemove(form.GetValueOrDefault("refresh_token") ?? string.Empty, out var refreshed))
                    {
                        return Error("invalid_grant");
                    }

                    return Tokens(refreshed, nonce: null);
                default:
                    return Error("unsupported_grant_type");
            }
        });
        app.MapGet("/logout", (HttpRequest request) =>
        {
            var query = request.Query.ToDictionary(q => q.Key, q => q.Value.ToString(), StringComparer.Ordinal);
            LastLogoutRequest = query;
            return Results.Redirect(QueryHelpers.AddQueryString(query["post_logout_redirect_uri"], "state", query.GetValueOrDefault("state") ?? string.Empty));
        });
    }

    /// <summary>An ID token (nonce, name, groups), an opaque access token and, for offline_access, a refresh token that can be used once.</summary>
    private IResult Tokens(Grant grant, string? nonce)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var claims = new Dictionary<string, object> { ["name"] = "Erika Verwaltung", ["groups"] = Groups };
        if (nonce is not null)
        {
            claims["nonce"] = nonce;
        }

        var idToken = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Authority,
            Audience = ClientId,
            Subject = new ClaimsIdentity([new Claim("sub", "erika")]),
            Claims = claims,
            IssuedAt = now,
            NotBefore = now,
            Expires = now.AddMinutes(5),
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256),
        });
        LastIdToken = idToken;
        var response = new Dictionary<string, object>
        {
            ["access_token"] = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16)),
            ["token_type"] = "Bearer",
            ["expires_in"] = (int)AccessTokenLifetime.TotalSeconds,
            ["id_token"] = idToken,
        };
        if (grant.Scope.Split(' ').Contains("offline_access"))
        {
            var refreshToken = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(16));
            refreshTokens[refreshToken] = grant;
            response["refresh_token"] = refreshToken;
        }

        return Results.Json(response);
    }

    private static IResult Error(string error) => Results.Json(new { error }, statusCode: StatusCodes.Status400BadRequest);

    private static string? Challenge(string? verifier) =>
        verifier is null ? null : WebEncoders.Base64UrlEncode(SHA256.HashData(Encoding.ASCII.GetBytes(verifier)));

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        key.Rsa.Dispose();
    }

    private sealed record Grant(string RedirectUri, string CodeChallenge, string? Nonce, string Scope);
}
