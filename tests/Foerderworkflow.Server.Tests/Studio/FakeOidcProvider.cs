using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Foerderworkflow.Server.Tests.Studio;

/// <summary>
/// A tiny OpenID Connect provider on a loopback port: discovery document, signing keys and a token endpoint that
/// redeems one code for an ID token with the nonce and groups the test sets.
/// </summary>
internal sealed class FakeOidcProvider : IAsyncDisposable
{
    public const string ClientId = "studio-client";
    public const string ClientSecret = "geheim";
    public const string Code = "code-1";

    private readonly WebApplication app;
    private readonly RsaSecurityKey key = new(RSA.Create(2048)) { KeyId = "k1" };

    private FakeOidcProvider(WebApplication app) => this.app = app;

    public string Authority { get; private set; } = string.Empty;

    /// <summary>The nonce the ID token carries (the test copies it from the authorization request).</summary>
    public string? Nonce { get; set; }

    public string[] Groups { get; set; } = [];

    /// <summary>The form of the last token request.</summary>
    public IReadOnlyDictionary<string, string> LastTokenRequest { get; private set; } = new Dictionary<string, string>();

    public static async Task<FakeOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var provider = new FakeOidcProvider(builder.Build());
        provider.Map();
        await provider.app.StartAsync();
        provider.Authority = provider.app.Urls.First().TrimEnd('/');
        return provider;
    }

    private void Map()
    {
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Authority,
            ["authorization_endpoint"] = Authority + "/authorize",
            ["token_endpoint"] = Authority + "/token",
            ["jwks_uri"] = Authority + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(key.Rsa.ExportParameters(false)) { KeyId = key.KeyId });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, kid = jwk.Kid, use = "sig", alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        app.MapPost("/token", async (HttpRequest request) =>
        {
            var form = await request.ReadFormAsync();
            LastTokenRequest = form.ToDictionary(f => f.Key, f => f.Value.ToString(), StringComparer.Ordinal);
            if (form["code"] != Code || form["client_id"] != ClientId || form["client_secret"] != ClientSecret || string.IsNullOrEmpty(form["code_verifier"]))
            {
                return Results.Json(new { error = "invalid_grant" }, statusCode: StatusCodes.Status400BadRequest);
            }

            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var claims = new Dictionary<string, object> { ["nonce"] = Nonce ?? string.Empty, ["name"] = "Erika Verwaltung", ["groups"] = Groups };
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
            return Results.Text(JsonSerializer.Serialize(new { access_token = "opaque", token_type = "Bearer", expires_in = 300, id_token = idToken }), "application/json");
        });
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        key.Rsa.Dispose();
    }
}
