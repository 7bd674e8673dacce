namespace Foerderworkflow.Server.Security;

/// <summary>
/// Browser sign-in with OpenID Connect (section <c>Auth:Oidc</c>): Studio's pages today, the portal's later, one
/// session for all of them. Enabled when <see cref="ClientId"/> is set; otherwise the embedded default's own sign-in
/// page with the seeded users is used.
/// </summary>
internal sealed class OidcSignInOptions
{
    public const string Section = "Auth:Oidc";

    /// <summary>Issuer URL of the provider; defaults to <c>Auth:Authority</c>.</summary>
    public string? Authority { get; set; }

    public string? ClientId { get; set; }

    /// <summary>Empty for a public client (the code flow always uses PKCE).</summary>
    public string? ClientSecret { get; set; }

    /// <summary>Requested scopes; default <c>openid profile</c>.</summary>
    public string[]? Scopes { get; set; }

    /// <summary>
    /// Asks for <c>offline_access</c> and keeps the session alive with the provider's refresh token: shortly before
    /// the access token expires it is refreshed, and a refused refresh ends the session (the next page goes to the
    /// provider again). Off: the session lasts <c>Auth:TokenLifetime</c>, whatever the provider does meanwhile.
    /// </summary>
    public bool UseRefreshTokens { get; set; }

    /// <summary>Top-level claim of the ID token that carries the user's roles or groups (e.g. <c>roles</c>, <c>groups</c>).</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Values of <see cref="RoleClaim"/> that make the user an administrator; default <c>admin</c>.</summary>
    public string[]? AdminRoles { get; set; }

    /// <summary>
    /// The provider's values of <see cref="RoleClaim"/> that give each of the portal's roles, keyed by our role name
    /// (<c>kuf</c>, <c>office</c>, <c>committee-member</c>, <c>applicant</c>); e.g. <c>Auth__Oidc__Roles__kuf__0=KuF-Team</c>.
    /// Nothing is given unless it is mapped here, as for the administrator.
    /// </summary>
    public Dictionary<string, string[]> Roles { get; set; } = new(StringComparer.Ordinal);

    /// <summary>
    /// Where the provider sends the browser back with the code (register <c>https://&lt;host&gt;</c> + this path). The
    /// default is the path registrations of earlier versions name; every browser surface signs in through it.
    /// </summary>
    public string CallbackPath { get; set; } = "/studio/signin-oidc";

    /// <summary>Where the provider sends the browser after its logout (register it as post-logout redirect URI).</summary>
    public string SignedOutCallbackPath { get; set; } = "/signout-callback-oidc";

    /// <summary>Discovery document over HTTPS only; switching it off is refused outside Development.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    public bool Enabled => !string.IsNullOrWhiteSpace(ClientId);
}
