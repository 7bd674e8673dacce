using System.Security.Claims;

namespace Foerderworkflow.Portal;

/// <summary>
/// How people sign in to the portal, set by the host that knows its security settings: the cookie session every browser
/// surface shares, the claim types of the server's tokens, the demo users' password check (embedded default only) and
/// the OpenID Connect scheme (when a provider is configured).
/// </summary>
public sealed class PortalSignInOptions
{
    /// <summary>The cookie scheme of the browser session (<c>fw_session</c>).</summary>
    public string SessionScheme { get; set; } = "BrowserSession";

    public string SubjectClaimType { get; set; } = "sub";

    public string RoleClaimType { get; set; } = "role";

    /// <summary>The seeded demo users' check: their claims for a right password, else null. Null when demo users are off.</summary>
    public Func<IServiceProvider, string, string, IReadOnlyList<Claim>?>? CheckPassword { get; set; }

    /// <summary>The OpenID Connect scheme staff sign in with; null when no provider is configured.</summary>
    public string? OidcScheme { get; set; }

    /// <summary>Counts one sign-in attempt for a user name or e-mail address; false (with the wait) when over the limit.</summary>
    public Func<IServiceProvider, string, (bool Allowed, TimeSpan RetryAfter)> Throttle { get; set; } = (_, _) => (true, TimeSpan.Zero);

    /// <summary>The rate-limiting policy of sign-in requests per client (the host's), or null for none.</summary>
    public string? SignInRateLimitPolicy { get; set; }

    /// <summary>How long a browser session lasts.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(8);
}
