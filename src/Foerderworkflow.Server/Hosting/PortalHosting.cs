using Foerderworkflow.Funding.Persistence;
using Foerderworkflow.Portal;
using Foerderworkflow.Server.Messaging;
using Foerderworkflow.Server.Security;
using Foerderworkflow.Server.Security.RateLimiting;

using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Foerderworkflow.Server.Hosting;

/// <summary>
/// Maps the portal (<c>src/Foerderworkflow.Portal</c>) at "/" and hands it what only the host knows: the session
/// scheme and claim types, the demo users (embedded default), the OpenID Connect scheme, the sign-in throttle, and for
/// the applicants' e-mail links the link store, the way to the notification worker and the public address.
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
            options.PublicBaseUrl = services => PublicBaseUrl(builder.Configuration, services);
            options.Throttle = (services, key) => (services.GetRequiredService<SignInThrottle>().TryAttempt(key, out var retryAfter), retryAfter);
            if (auth.EnableDevelopmentTokens)
            {
                options.CheckPassword = (services, user, password) => services.GetRequiredService<DevelopmentTokenIssuer>().CheckPassword(user, password);
            }
        });
        builder.Services.AddSignInLinkStore();
        builder.Services.AddSingleton<ISignInLinkSender, SignInLinkSender>();
        return builder;
    }

    /// <summary>
    /// Where links in e-mails point: <c>Notifications:StatusPageBaseUrl</c> when set (the address people reach the
    /// portal at, behind a proxy the public one), else the server's own listening address (the first <c>https</c> one,
    /// a wildcard host as <c>localhost</c>): right for <c>dotnet run</c> on one machine without any setting. Never the
    /// request's Host header, which the requester chooses.
    /// </summary>
    internal static Uri PublicBaseUrl(IConfiguration configuration, IServiceProvider services)
    {
        if (configuration["Notifications:StatusPageBaseUrl"] is { Length: > 0 } configured)
        {
            return new Uri(configured.TrimEnd('/') + "/", UriKind.Absolute);
        }

        var addresses = services.GetService<IServer>()?.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var listening = addresses.FirstOrDefault(a => a.StartsWith("https://", StringComparison.OrdinalIgnoreCase)) ?? addresses.FirstOrDefault();
        if (listening is null || !Uri.TryCreate(listening.Replace("://+", "://localhost", StringComparison.Ordinal).Replace("://*", "://localhost", StringComparison.Ordinal), UriKind.Absolute, out var own))
        {
            return new Uri("http://localhost/");
        }

        var host = own.Host is "0.0.0.0" or "[::]" or "::" ? "localhost" : own.Host;
        return new UriBuilder(own.Scheme, host, own.Port, "/").Uri;
    }
}
