using System.Security.Claims;
using Foerderworkflow.Server.Hosting;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Security;

/// <summary>
/// Browser sign-in in production: ASP.NET Core's OpenID Connect handler runs the code flow (state, PKCE, nonce,
/// ID-token validation, token redemption) against <c>Auth:Oidc</c>'s provider, and the session lives in one HTTP-only
/// cookie that every browser surface shares (Studio now, the portal later: it adds its paths to
/// <see cref="SessionPaths"/> and <see cref="PagePaths"/>). Requests with an <c>Authorization</c> header keep using
/// the bearer tokens (JwtBearer), as for the rest of the API.
/// </summary>
internal static partial class BrowserSignIn
{
    public const string Scheme = OpenIdConnectDefaults.AuthenticationScheme;
    public const string SessionScheme = "BrowserSession";
    public const string SelectorScheme = "Foerderworkflow";
    public const string SessionCookie = "fw_session";

    /// <summary>The roles a provider's groups can be mapped to (<see cref="OidcSignInOptions.Roles"/>); the administrator has its own setting.</summary>
    private static readonly string[] PortalRoles = [Roles.CoordinationOffice, Roles.LeadOffice, Roles.CommitteeMember, Roles.Applicant];

    /// <summary>Requests that authenticate with the session cookie when they carry no <c>Authorization</c> header.</summary>
    private static readonly PathString[] SessionPaths = [Studio.StudioHosting.BasePath, Studio.StudioApiEndpoints.BasePath];

    /// <summary>Where a GET without a session is a page the browser shows, so it is sent to the provider; elsewhere 401.</summary>
    private static readonly PathString[] PagePaths = [Studio.StudioHosting.BasePath];

    /// <summary>Adds the OIDC sign-in when <c>Auth:Oidc:ClientId</c> is set; the bearer tokens of the API stay as they are.</summary>
    public static OidcSignInOptions AddBrowserSignIn(this WebApplicationBuilder builder, AuthOptions auth)
    {
        var settings = builder.Configuration.GetSection(OidcSignInOptions.Section).Get<OidcSignInOptions>() ?? new OidcSignInOptions();
        builder.Services.AddSingleton(settings);
        // The session cookie exists on every configuration: the portal signs people in to it (applicants with an
        // e-mail link, the demo users on the embedded default), and with a provider the OpenID Connect handler does.
        builder.Services.AddAuthentication().AddCookie(SessionScheme, options =>
            {
                options.Cookie.Name = SessionCookie;
                options.Cookie.HttpOnly = true;
                options.Cookie.Path = "/";
                // Lax, not Strict: the provider's redirect back to the callback is a cross-site navigation.
                options.Cookie.SameSite = SameSiteMode.Lax;
                // Plain HTTP only for the embedded default on a developer's machine (dotnet run, Development).
                options.Cookie.SecurePolicy = builder.Environment.IsDevelopment() ? CookieSecurePolicy.SameAsRequest : CookieSecurePolicy.Always;
                options.ExpireTimeSpan = auth.TokenLifetime;
                options.SlidingExpiration = false;
                options.Events.OnRedirectToLogin = context => ChallengeAsync(context.HttpContext, context.Properties, settings);
                options.Events.OnRedirectToAccessDenied = context =>
                {
                    context.Response.StatusCode = StatusCodes.Status403Forbidden;
                    return Task.CompletedTask;
                };
                if (settings.UseRefreshTokens)
                {
                    options.Events.OnValidatePrincipal = context => context.HttpContext.RequestServices.GetRequiredService<SessionRefresh>().ValidateAsync(context);
                }
            });
        if (!settings.Enabled)
        {
            return settings;
        }

        var authority = settings.Authority is { Length: > 0 } own ? own : auth.Authority;
        if (string.IsNullOrWhiteSpace(authority) || auth.EnableDevelopmentTokens)
        {
            throw new OptionsValidationException(OidcSignInOptions.Section, typeof(OidcSignInOptions),
                ["Auth:Oidc:ClientId needs Auth:Oidc:Authority (or Auth:Authority) and Auth:EnableDevelopmentTokens=false."]);
        }

        if (!settings.RequireHttpsMetadata && !builder.Environment.IsDevelopment())
        {
            // Discovery document and signing keys over plain HTTP: whoever sits on the path can hand out administrators.
            builder.StartupRefusals().Add($"Auth__Oidc__RequireHttpsMetadata is false in the environment '{builder.Environment.EnvironmentName}'. "
                + "The provider's discovery document and keys must come over HTTPS: remove the setting and use the provider's https:// issuer URL.");
        }

        foreach (var (key, path) in new[] { ("CallbackPath", settings.CallbackPath), ("SignedOutCallbackPath", settings.SignedOutCallbackPath) })
        {
            if (!path.StartsWith('/') || path.Contains('?', StringComparison.Ordinal))
            {
                // A PathString would throw on the first sign-in; better the start-up names the setting.
                builder.StartupRefusals().Add($"Auth__Oidc__{key} is '{path}'; it must be a path starting with '/' (e.g. /studio/signin-oidc).");
                return settings;
            }
        }

        builder.Services.Configure<AuthenticationOptions>(options => options.DefaultScheme = SelectorScheme);
        builder.Services.AddAuthentication()
            .AddPolicyScheme(SelectorScheme, "Bearer-Token oder Browser-Sitzung", options => options.ForwardDefaultSelector = context =>
                !context.Request.Headers.ContainsKey("Authorization") && IsUnder(context.Request, SessionPaths) ? SessionScheme : JwtBearerDefaults.AuthenticationScheme)
            .AddOpenIdConnect(Scheme, "OpenID Connect", options =>
            {
                options.Authority = authority;
                options.ClientId = settings.ClientId;
                options.ClientSecret = string.IsNullOrEmpty(settings.ClientSecret) ? null : settings.ClientSecret;
                options.ResponseType = OpenIdConnectResponseType.Code;
                // The code comes back in the query of a top-level GET, which carries the Lax cookies below; form_post
                // would need SameSite=None for them.
                options.ResponseMode = OpenIdConnectResponseMode.Query;
                options.UsePkce = true;
                options.SaveTokens = true;
                options.MapInboundClaims = false;
                options.GetClaimsFromUserInfoEndpoint = false;
                // No library name and version in the requests to the provider.
                options.DisableTelemetry = true;
                options.RequireHttpsMetadata = settings.RequireHttpsMetadata;
                options.CallbackPath = settings.CallbackPath;
                options.SignedOutCallbackPath = settings.SignedOutCallbackPath;
                options.SignInScheme = SessionScheme;
                options.SignOutScheme = SessionScheme;
                options.CorrelationCookie.SameSite = SameSiteMode.Lax;
                options.NonceCookie.SameSite = SameSiteMode.Lax;
                options.Scope.Clear();
                foreach (var scope in settings.Scopes is { Length: > 0 } scopes ? scopes : ["openid", "profile"])
                {
                    options.Scope.Add(scope);
                }

                if (settings.UseRefreshTokens && !options.Scope.Contains(OpenIdConnectScope.OfflineAccess))
                {
                    options.Scope.Add(OpenIdConnectScope.OfflineAccess);
                }

                options.TokenValidationParameters.NameClaimType = auth.SubjectClaimType;
                options.TokenValidationParameters.RoleClaimType = auth.RoleClaimType;
                options.TokenValidationParameters.ClockSkew = SecurityRegistration.ClockSkew;
                var admins = settings.AdminRoles is { Length: > 0 } configured ? configured : [Roles.Admin];
                options.Events.OnTokenValidated = context =>
                {
                    if (SessionPrincipal(context.Principal!, context.Scheme.Name, auth, settings.RoleClaim, admins, settings.Roles) is { } principal)
                    {
                        context.Principal = principal;
                    }
                    else
                    {
                        context.Fail($"Das ID-Token enthält keinen Claim '{auth.SubjectClaimType}'.");
                    }

                    return Task.CompletedTask;
                };
                options.Events.OnRemoteFailure = RefuseAsync;
            });
        // The ID token's lifetime is checked on the server's TimeProvider, like every other token (see SecurityRegistration).
        builder.Services.AddOptions<OpenIdConnectOptions>(Scheme)
            .Configure<TimeProvider>((oidc, clock) => oidc.TokenValidationParameters.LifetimeValidator = SecurityRegistration.LifetimeValidator(clock));
        builder.Services.AddSingleton<SessionRefresh>();
        return settings;
    }

    /// <summary>
    /// Ends the browser session and, when the provider names an <c>end_session_endpoint</c>, its session too: the
    /// browser goes to the provider's logout and comes back to <paramref name="signedOutPath"/>. Without one (or with
    /// the provider unreachable) only our cookie goes, and the provider's session would sign the user in again silently.
    /// </summary>
    public static async Task<IResult> SignOutAsync(HttpContext context, string signedOutPath)
    {
        var properties = new AuthenticationProperties { RedirectUri = signedOutPath };
        var session = await context.AuthenticateAsync(SessionScheme);
        if (session.Succeeded && await EndSessionEndpointAsync(context) is { Length: > 0 })
        {
            // Cookie first, then the handler: it takes the saved ID token as id_token_hint from the ticket read above.
            return Results.SignOut(properties, [SessionScheme, Scheme]);
        }

        await context.SignOutAsync(SessionScheme);
        return Results.Redirect(signedOutPath);
    }

    private static async Task<string?> EndSessionEndpointAsync(HttpContext context)
    {
        var oidc = context.RequestServices.GetRequiredService<IOptionsMonitor<OpenIdConnectOptions>>().Get(Scheme);
        try
        {
            return (await oidc.ConfigurationManager!.GetConfigurationAsync(context.RequestAborted)).EndSessionEndpoint;
        }
        catch (InvalidOperationException failure)
        {
            // The configuration manager wraps every retrieval failure (network, bad document) in this one type.
            LogProviderUnreachable(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BrowserSignIn)), failure);
            return null;
        }
    }

    /// <summary>
    /// A browser asking for a Studio page goes to the provider, one asking for a portal page to the portal's sign-in
    /// page (which offers the provider, the e-mail link and on the embedded default the demo users); an API call
    /// (Studio's editor, fetch) gets a plain 401.
    /// </summary>
    private static Task ChallengeAsync(HttpContext context, AuthenticationProperties properties, OidcSignInOptions settings)
    {
        if (HttpMethods.IsGet(context.Request.Method) && IsUnder(context.Request, PagePaths))
        {
            if (!settings.Enabled)
            {
                context.Response.StatusCode = StatusCodes.Status401Unauthorized;
                return Task.CompletedTask;
            }

            return context.ChallengeAsync(Scheme, properties);
        }

        if (HttpMethods.IsGet(context.Request.Method) && !IsUnder(context.Request, SessionPaths) && !context.Request.Path.StartsWithSegments("/api"))
        {
            context.Response.Redirect(Portal.PortalRegistration.SignInPath(context.Request.Path + context.Request.QueryString));
            return Task.CompletedTask;
        }

        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        return Task.CompletedTask;
    }

    /// <summary>
    /// The session's identity from the validated ID token: the subject (claim <c>Auth:SubjectClaimType</c>, as in
    /// bearer tokens, so an account is the same person in both), the name, and the admin role when the provider's role
    /// claim has one of the configured values. Nothing else of the ID token is kept.
    /// </summary>
    internal static ClaimsPrincipal? SessionPrincipal(ClaimsPrincipal idToken, string authenticationType, AuthOptions auth, string roleClaim, IReadOnlyCollection<string> adminRoles, IReadOnlyDictionary<string, string[]>? roleMappings = null)
    {
        if (idToken.FindFirst(auth.SubjectClaimType)?.Value is not { Length: > 0 } subject)
        {
            return null;
        }

        var user = new ClaimsIdentity(authenticationType, auth.SubjectClaimType, auth.RoleClaimType);
        user.AddClaim(new Claim(auth.SubjectClaimType, subject));
        if ((idToken.FindFirst("name") ?? idToken.FindFirst("preferred_username"))?.Value is { Length: > 0 } name)
        {
            user.AddClaim(new Claim("name", name));
        }

        // Only the mapping counts: a provider group that happens to be called "admin" grants nothing unless configured.
        if (idToken.FindAll(roleClaim).Any(c => adminRoles.Contains(c.Value, StringComparer.Ordinal)))
        {
            user.AddClaim(new Claim(auth.RoleClaimType, Roles.Admin));
        }

        foreach (var (role, values) in roleMappings ?? new Dictionary<string, string[]>())
        {
            if (PortalRoles.Contains(role) && idToken.FindAll(roleClaim).Any(c => values.Contains(c.Value, StringComparer.Ordinal)))
            {
                user.AddClaim(new Claim(auth.RoleClaimType, role));
            }
        }

        return new ClaimsPrincipal(user);
    }

    /// <summary>A failed sign-in answers 403 with a German reason instead of an unhandled exception (500); the details go to the log.</summary>
    private static async Task RefuseAsync(RemoteFailureContext context)
    {
        LogSignInFailed(context.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(BrowserSignIn)), context.Failure);
        context.HandleResponse();
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        context.Response.ContentType = "text/plain; charset=utf-8";
        await context.Response.WriteAsync("Anmeldung fehlgeschlagen: " + context.Failure switch
        {
            OpenIdConnectProtocolInvalidNonceException => "Das ID-Token gehört nicht zu dieser Anmeldung (nonce).",
            // The handler puts the provider's own error (access_denied, invalid_grant, …) into the exception's data.
            OpenIdConnectProtocolException refused when refused.Data.Contains(OpenIdConnectParameterNames.Error) => "Der Anmeldedienst hat die Anmeldung abgelehnt.",
            OpenIdConnectProtocolException or SecurityTokenException => "Das ID-Token des Anmeldedienstes ist ungültig.",
            AuthenticationFailureException { Message: var ours } when ours.StartsWith("Das ID-Token", StringComparison.Ordinal) => ours,
            _ => "Die Anmeldung ist abgelaufen oder wurde in einem anderen Fenster begonnen. Bitte melden Sie sich erneut an.",
        });
    }

    private static bool IsUnder(HttpRequest request, PathString[] paths) => paths.Any(path => request.Path.StartsWithSegments(path));

    [LoggerMessage(EventId = 20, Level = LogLevel.Warning, Message = "Browser sign-in with OpenID Connect failed")]
    private static partial void LogSignInFailed(ILogger logger, Exception? failure);

    [LoggerMessage(EventId = 21, Level = LogLevel.Warning, Message = "OpenID Connect provider unreachable at sign-out; only the local session was ended")]
    private static partial void LogProviderUnreachable(ILogger logger, Exception failure);
}
