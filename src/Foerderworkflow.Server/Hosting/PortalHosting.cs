using Foerderworkflow.Portal;
using Foerderworkflow.Server.Security;
using Foerderworkflow.Server.Security.RateLimiting;

namespace Foerderworkflow.Server.Hosting;

/// <summary>
/// Maps the portal (<c>src/Foerderworkflow.Portal</c>) at "/" and hands it what only the host knows: the session
/// scheme and claim types, the demo users (embedded default), the OpenID Connect scheme and the sign-in throttle.
/// </summary>
internal static class PortalHosting
{
    public static WebApplicationBuilder AddPortalPages(this WebApplicationBuilder builder)
    {
        var auth = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        var oidc = builder.Configuration.GetSection(OidcSignInOptions.Section).Get<OidcSignInOptions>() ?? new OidcSignInOptions();
        builder.Services.AddPortal(options =>
        {
            options.SessionScheme = BrowserSignIn.SessionScheme;
            options.SubjectClaimType = auth.SubjectClaimType;
            options.RoleClaimType = auth.RoleClaimType;
            options.OidcScheme = oidc.Enabled ? BrowserSignIn.Scheme : null;
            options.SessionLifetime = auth.TokenLifetime;
            options.SignInRateLimitPolicy = RateLimitingRegistration.SignInPolicy;
            options.Throttle = (services, key) => (services.GetRequiredService<SignInThrottle>().TryAttempt(key, out var retryAfter), retryAfter);
            if (auth.EnableDevelopmentTokens)
            {
                options.CheckPassword = (services, user, password) => services.GetRequiredService<DevelopmentTokenIssuer>().CheckPassword(user, password);
            }
        });
        return builder;
    }
}
