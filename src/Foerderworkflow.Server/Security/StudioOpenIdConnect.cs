using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OAuth;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Foerderworkflow.Server.Security;

/// <summary>
/// Settings of the browser sign-in to Elsa Studio (<c>/studio/</c>, <c>/elsa/api</c>) with OpenID Connect in
/// production (section <c>Auth:Oidc</c>). Enabled when <see cref="ClientId"/> is set; otherwise the embedded
/// default's own sign-in page with the seeded users is used.
/// </summary>
internal sealed class StudioOidcSettings
{
    public const string Section = "Auth:Oidc";

    /// <summary>Issuer URL of the provider; defaults to <c>Auth:Authority</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Empty for a public client (the code flow always uses PKCE).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Requested scopes; default <c>openid profile</c>.</summary>
    public string[]? Scopes { get; set; }

    /// <summary>Top-level claim of the ID token that carries the user's roles or groups (e.g. <c>roles</c>, <c>groups</c>).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Values of <see cref="RoleClaim"/> that make the user an administrator; default <c>admin</c>.</summary>
    public string[]? AdminRoles { get; set; }

    /// <summary>Discovery document over HTTPS only; switch off for a provider on loopback in tests.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);
}

/// <summary>
/// OpenID Connect sign-in for Studio's pages, built on ASP.NET Core's OAuth handler: the mirror has no
/// <c>Microsoft.AspNetCore.Authentication.OpenIdConnect</c> package in any version, while the shared framework brings
/// the OAuth code flow (with PKCE) and <c>Microsoft.IdentityModel.Protocols.OpenIdConnect</c> (from JwtBearer) reads the
/// discovery document and signing keys. The ID token is validated (issuer, audience = client id, signature, lifetime,
/// nonce) and the configured values of its role claim mapped to <see cref="Roles.Admin"/>; the session lives in an HTTP-only cookie that the
/// editor's same-origin calls to <c>/elsa/api</c> carry.
/// </summary>
internal static class StudioOpenIdConnect
{
    public const string Scheme = "StudioOidc";
    public const string SessionScheme = "StudioSession";
    public const string SelectorScheme = "Foerderworkflow";
    public const string SessionCookie = "fw_studio";
    public const string CallbackPath = "/studio/signin-oidc";

    /// <summary>Adds the OIDC sign-in when <c>Auth:Oidc:ClientId</c> is set; the bearer tokens of the API stay as they are.</summary>
    public static StudioOidcSettings AddStudioOpenIdConnect(this WebApplicationBuilder builder, AuthOptions auth)
    {
        var settings = builder.Configuration.GetSection(StudioOidcSettings.Section).Get<StudioOidcSettings>() ?? new StudioOidcSettings();
        builder.Services.AddSingleton(settings);
        if (!settings.Enabled)
        {
            return settings;
        }

        var authority = settings.Authority is { Length: > 0 } own ? own : auth.Authority;
        if (string.IsNullOrWhiteSpace(authority) || auth.EnableDevelopmentTokens)
        {
            throw new OptionsValidationException(StudioOidcSettings.Section, typeof(StudioOidcSettings),
                ["Auth:Oidc:ClientId needs Auth:Oidc:Authority (or Auth:Authority) and Auth:EnableDevelopmentTokens=false."]);
        }

        builder.Services.Configure<AuthenticationOptions>(options => options.DefaultScheme = SelectorScheme);
        builder.Services.AddAuthentication()
            .AddPolicyScheme(SelectorScheme, "Bearer-Token oder Studio-Sitzung", options => options.ForwardDefaultSelector = context =>
                !context.Request.Headers.ContainsKey("Authorization") && IsStudioRequest(context.Request) ? SessionScheme : JwtBearerDefaults.AuthenticationScheme)
            .AddCookie(SessionScheme, options =>
            {
                options.Cookie.Name = SessionCookie;
                options.Cookie.HttpOnly = true;
                options.Cookie.Path = "/";
                // Lax, not Strict: the provider's redirect back to the callback is a cross-site navigation.
                options.Cookie.SameSite = SameSiteMode.Lax;
                options.Cookie.SecurePolicy = CookieSecurePolicy.Always;
                options.ExpireTimeSpan = auth.TokenLifetime;
                options.SlidingExpiration = false;
                options.ForwardChallenge = Scheme;
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
            })
            .AddOAuth<StudioOidcOptions, StudioOidcHandler>(Scheme, "OpenID Connect", options =>
            {
                options.Authority = authority.TrimEnd('/');
                options.ClientId = settings.ClientId!;
                options.ClientSecret = settings.ClientSecret ?? string.Empty;
                options.CallbackPath = CallbackPath;
                options.SignInScheme = SessionScheme;
                options.UsePkce = true;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                options.RoleClaim = settings.RoleClaim;
                options.AdminRoles = settings.AdminRoles is { Length: > 0 } admins ? admins : [Roles.Admin];
                options.Scope.Clear();
                foreach (var scope in settings.Scopes is { Length: > 0 } scopes ? scopes : ["openid", "profile"])
                {
                    options.Scope.Add(scope);
                }

                // The OAuth base class insists on both; the handler uses the endpoints of the discovery document.
                options.AuthorizationEndpoint = options.Authority;
                options.TokenEndpoint = options.Authority;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.Events.OnRemoteFailure = async context =>
                {
                    context.HandleResponse();
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    context.Response.ContentType = "text/plain; charset=utf-8";
                    await context.Response.WriteAsync($"Anmeldung fehlgeschlagen: {context.Failure?.Message}");
                };
            });
        builder.Services.AddSingleton<IPostConfigureOptions<StudioOidcOptions>, StudioOidcMetadata>();
        return settings;
    }

    /// <summary>Requests that sign in with the Studio session cookie (browser pages and the editor's API calls).</summary>
    public static bool IsStudioRequest(HttpRequest request) =>
        request.Path.StartsWithSegments(Studio.StudioHosting.BasePath) || request.Path.StartsWithSegments(Studio.StudioApiEndpoints.BasePath);
}

internal sealed class StudioOidcOptions : OAuthOptions
{
    public string Authority { get; set; } = string.Empty;

    public bool RequireHttpsMetadata { get; set; } = true;

    public string RoleClaim { get; set; } = "role";

    public IReadOnlyList<string> AdminRoles { get; set; } = [Roles.Admin];

    public IConfigurationManager<OpenIdConnectConfiguration>? ConfigurationManager { get; set; }

    /// <summary>Like the OAuth options' check, but a public client without a secret is allowed (PKCE).</summary>
    public override void Validate()
    {
        ArgumentException.ThrowIfNullOrEmpty(Authority);
        ArgumentException.ThrowIfNullOrEmpty(ClientId);
        if (!CallbackPath.HasValue)
        {
            throw new ArgumentException("CallbackPath is required.", nameof(CallbackPath));
        }
    }
}

/// <summary>Reads the provider's discovery document (and keys) through the handler's back channel, cached and refreshed.</summary>
internal sealed class StudioOidcMetadata : IPostConfigureOptions<StudioOidcOptions>
{
    public void PostConfigure(string? name, StudioOidcOptions options)
    {
        options.ConfigurationManager ??= new ConfigurationManager<OpenIdConnectConfiguration>(
            options.Authority + "/.well-known/openid-configuration",
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(options.Backchannel) { RequireHttps = options.RequireHttpsMetadata });
    }
}

internal sealed class StudioOidcHandler(IOptionsMonitor<StudioOidcOptions> options, ILoggerFactory logger, UrlEncoder encoder)
    : OAuthHandler<StudioOidcOptions>(options, logger, encoder)
{
    private const string NonceKey = "oidc-nonce";

    private OpenIdConnectConfiguration? configuration;

    /// <summary>Only a browser opening a Studio page is sent to the provider; API calls without a session get 401.</summary>
    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (!HttpMethods.IsGet(Request.Method) || !Request.Path.StartsWithSegments(Studio.StudioHosting.BasePath))
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            return;
        }

        configuration = await Options.ConfigurationManager!.GetConfigurationAsync(Context.RequestAborted);
        await base.HandleChallengeAsync(properties);
    }

    /// <summary>The OAuth request (state, PKCE) sent to the discovered authorization endpoint, plus a nonce.</summary>
    protected override string BuildChallengeUrl(AuthenticationProperties properties, string redirectUri)
    {
        // The nonce travels in the protected state and comes back inside the ID token.
        var nonce = WebEncoders.Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        properties.Items[NonceKey] = nonce;
        var built = new Uri(base.BuildChallengeUrl(properties, redirectUri));
        var parameters = QueryHelpers.ParseQuery(built.Query).ToDictionary(p => p.Key, p => (string?)p.Value.ToString(), StringComparer.Ordinal);
        parameters["nonce"] = nonce;
        return QueryHelpers.AddQueryString(configuration!.AuthorizationEndpoint, parameters);
    }

    protected override async Task<OAuthTokenResponse> ExchangeCodeAsync(OAuthCodeExchangeContext context)
    {
        var metadata = await Options.ConfigurationManager!.GetConfigurationAsync(Context.RequestAborted);
        var form = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["grant_type"] = "authorization_code",
            ["code"] = context.Code,
            ["redirect_uri"] = context.RedirectUri,
            ["client_id"] = Options.ClientId,
        };
        if (!string.IsNullOrEmpty(Options.ClientSecret))
        {
            form["client_secret"] = Options.ClientSecret;
        }

        if (context.Properties.Items.Remove(OAuthConstants.CodeVerifierKey, out var verifier) && verifier is not null)
        {
            form["code_verifier"] = verifier;
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, metadata.TokenEndpoint) { Content = new FormUrlEncodedContent(form) };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        using var response = await Backchannel.SendAsync(request, Context.RequestAborted);
        var body = await response.Content.ReadAsStringAsync(Context.RequestAborted);
        return response.IsSuccessStatusCode
            ? OAuthTokenResponse.Success(JsonDocument.Parse(body))
            : OAuthTokenResponse.Failed(new AuthenticationFailureException($"Der Anmeldedienst hat den Code nicht eingelöst ({(int)response.StatusCode})."));
    }

    /// <summary>The session's identity from the validated ID token: subject, name and the admin role when the provider's role claim has a configured value.</summary>
    protected override async Task<AuthenticationTicket> CreateTicketAsync(ClaimsIdentity identity, AuthenticationProperties properties, OAuthTokenResponse tokens)
    {
        if (tokens.Response is null || !tokens.Response.RootElement.TryGetProperty("id_token", out var idToken) || idToken.GetString() is not { Length: > 0 } rawToken)
        {
            throw new AuthenticationFailureException("Die Antwort des Anmeldedienstes enthält kein ID-Token.");
        }

        var metadata = await Options.ConfigurationManager!.GetConfigurationAsync(Context.RequestAborted);
        var result = await new JsonWebTokenHandler { MapInboundClaims = false }.ValidateTokenAsync(rawToken, new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            ValidAudience = Options.ClientId,
            IssuerSigningKeys = metadata.SigningKeys,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = SecurityRegistration.ClockSkew,
            LifetimeValidator = SecurityRegistration.LifetimeValidator(TimeProvider),
            RequireSignedTokens = true,
        });
        if (!result.IsValid || result.SecurityToken is not JsonWebToken token)
        {
            throw new AuthenticationFailureException("Das ID-Token ist ungültig.", result.Exception);
        }

        if (!properties.Items.TryGetValue(NonceKey, out var nonce) || !token.TryGetPayloadValue("nonce", out string? returned) || !string.Equals(nonce, returned, StringComparison.Ordinal))
        {
            throw new AuthenticationFailureException("Das ID-Token gehört nicht zu dieser Anmeldung (nonce).");
        }

        properties.Items.Remove(NonceKey);
        var user = new ClaimsIdentity(Scheme.Name, "sub", "role");
        user.AddClaim(new Claim("sub", token.Subject));
        if ((token.TryGetPayloadValue("name", out string? name) || token.TryGetPayloadValue("preferred_username", out name)) && name is not null)
        {
            user.AddClaim(new Claim("name", name));
        }

        // Only the mapping counts: a provider group that happens to be called "admin" grants nothing unless configured.
        if (token.Claims.Any(c => c.Type == Options.RoleClaim && Options.AdminRoles.Contains(c.Value, StringComparer.Ordinal)))
        {
            user.AddClaim(new Claim("role", Roles.Admin));
        }

        return new AuthenticationTicket(new ClaimsPrincipal(user), properties, Scheme.Name);
    }

    /// <summary>A failed sign-in is answered by <c>OnRemoteFailure</c> instead of an unhandled exception (500).</summary>
    protected override async Task<HandleRequestResult> HandleRemoteAuthenticateAsync()
    {
        try
        {
            return await base.HandleRemoteAuthenticateAsync();
        }
        catch (AuthenticationFailureException failure)
        {
            return HandleRequestResult.Fail(failure);
        }
        catch (SecurityTokenException failure)
        {
            return HandleRequestResult.Fail(failure);
        }
    }
}
