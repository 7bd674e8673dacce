using System.Security.Cryptography;
using Foerderworkflow.Server.Hosting;
using Foerderworkflow.Server.Security.RateLimiting;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Security;

internal static class SecurityRegistration
{
    /// <summary>The cookie in which a browser sign-in keeps its bearer token.</summary>
    public const string AccessCookie = "fw_access";

    /// <summary>
    /// How far a token's lifetime may miss this server's clock, for every token we validate (ours, the provider's,
    /// Studio's ID token). The library default of five minutes kept expired tokens working for five minutes;
    /// servers synchronised by NTP differ by far less than this.
    /// </summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromSeconds(30);

    /// <summary>HMAC-SHA256 needs a key of at least 256 bits; a shorter one can be guessed.</summary>
    public const int MinimumSigningKeyBytes = 32;

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (options.EnableDevelopmentTokens && !string.IsNullOrEmpty(options.Authority))
        {
            throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), ["Auth:EnableDevelopmentTokens must be false when Auth:Authority is set."]);
        }

        // Studio's pages answer a signed-in non-administrator with a German page instead of an empty 403.
        builder.Services.AddSingleton<Microsoft.AspNetCore.Authorization.IAuthorizationMiddlewareResultHandler, Studio.StudioForbiddenPage>();

        var refusals = builder.StartupRefusals();
        if (options.EnableDevelopmentTokens && !builder.Environment.IsDevelopment())
        {
            // The demo users (admin/admin …) would hand out administrator tokens to anyone who reads the README.
            refusals.Add($"Auth__EnableDevelopmentTokens is true in the environment '{builder.Environment.EnvironmentName}'. "
                + "Development tokens and the demo users are for ASPNETCORE_ENVIRONMENT=Development only: set Auth__EnableDevelopmentTokens=false (and Auth__Authority for sign-in).");
        }

        var signingKey = new SymmetricSecurityKey(SigningKeyBytes(options, refusals));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new DevelopmentTokenIssuer(options, signingKey, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.RoleClaimType = options.RoleClaimType;
                jwt.TokenValidationParameters.NameClaimType = options.SubjectClaimType;
                jwt.TokenValidationParameters.ValidAudience = options.Audience;
                jwt.TokenValidationParameters.ClockSkew = ClockSkew;
                // Studio's pages sign in with a cookie that carries the same token (same origin, SameSite=Strict).
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (!context.Request.Headers.ContainsKey("Authorization") && context.Request.Cookies.TryGetValue(AccessCookie, out var token))
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = context =>
                    {
                        // A browser opening a Studio page without a session goes to the sign-in page instead of a bare 401.
                        var request = context.Request;
                        if (HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments(Studio.StudioHosting.BasePath))
                        {
                            context.HandleResponse();
                            context.Response.Redirect($"{Studio.StudioHosting.BasePath}/signin?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}");
                        }

                        return Task.CompletedTask;
                    },
                };
                if (!string.IsNullOrEmpty(options.Authority))
                {
                    jwt.Authority = options.Authority;
                }
                else
                {
                    jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
                    jwt.TokenValidationParameters.IssuerSigningKey = signingKey;
                }
            });
        // Token lifetimes are checked on the server's TimeProvider (not the library's own clock), so that tests can
        // move time past a token's expiry instead of waiting for it.
        builder.Services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<TimeProvider>((jwt, clock) => jwt.TokenValidationParameters.LifetimeValidator = LifetimeValidator(clock));
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.WorkflowAdministration, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Applicant, policy => policy.RequireRole(Roles.Applicant))
            .AddPolicy(Policies.CoordinationOffice, policy => policy.RequireRole(Roles.CoordinationOffice))
            .AddPolicy(Policies.CommitteeMember, policy => policy.RequireRole(Roles.CommitteeMember))
            .AddPolicy(Policies.LeadOffice, policy => policy.RequireRole(Roles.LeadOffice))
            .AddPolicy(Policies.AssignedStaff, policy => policy.RequireRole(Roles.CoordinationOffice, Roles.LeadOffice))
            .AddPolicy(Policies.CaseStaff, policy => policy.RequireRole(Roles.CoordinationOffice, Roles.LeadOffice, Roles.Admin))
            .AddPolicy(Policies.ApplicationReader, policy => policy.RequireRole(Roles.Applicant, Roles.CoordinationOffice, Roles.LeadOffice, Roles.Admin));
        builder.AddBrowserSignIn(options);
        return builder;
    }

    /// <summary>A token is valid from its not-before until its expiry on <paramref name="clock"/>, each widened by the token parameters' clock skew.</summary>
    public static LifetimeValidator LifetimeValidator(TimeProvider clock) => (notBefore, expires, _, parameters) =>
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return (notBefore is null || notBefore.Value <= now + parameters.ClockSkew)
            && (expires is null || expires.Value >= now - parameters.ClockSkew);
    };

    /// <summary>
    /// The configured key (base64, at least <see cref="MinimumSigningKeyBytes"/> bytes); a random one per process when
    /// none is configured, which signs everyone out on every restart and differs between servers.
    /// </summary>
    private static byte[] SigningKeyBytes(AuthOptions options, StartupRefusals refusals)
    {
        if (string.IsNullOrWhiteSpace(options.SigningKey))
        {
            return RandomNumberGenerator.GetBytes(MinimumSigningKeyBytes);
        }

        var buffer = new byte[options.SigningKey.Length];
        if (!Convert.TryFromBase64String(options.SigningKey.Trim(), buffer, out var length))
        {
            refusals.Add("Auth__SigningKey is not base64. Generate a key with: openssl rand -base64 32");
        }
        else if (length < MinimumSigningKeyBytes)
        {
            refusals.Add($"Auth__SigningKey has {length} bytes; it needs at least {MinimumSigningKeyBytes} (256 bits). Generate a key with: openssl rand -base64 32");
        }
        else
        {
            return buffer[..length];
        }

        // Never signs anything: the server refuses to start.
        return RandomNumberGenerator.GetBytes(MinimumSigningKeyBytes);
    }

    public static WebApplication MapSecurityEndpoints(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<AuthOptions>();
        if (options.EnableDevelopmentTokens)
        {
            app.MapPost("/api/dev/token", (DevelopmentTokenRequest request, DevelopmentTokenIssuer issuer, SignInThrottle throttle) =>
                    !throttle.TryAttempt(request.UserName, out var retryAfter)
                        ? RateLimitingRegistration.TooManyRequests(retryAfter)
                        : issuer.TryIssue(request) is { } token
                        ? Results.Ok(token)
                        : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Anmeldung fehlgeschlagen", detail: "Benutzername oder Passwort ist falsch."))
                .AllowAnonymous()
                .RequireRateLimiting(RateLimitingRegistration.SignInPolicy)
                .WithTags("Development");
        }

        return app;
    }
}
