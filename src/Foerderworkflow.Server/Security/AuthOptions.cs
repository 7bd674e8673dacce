using System.ComponentModel.DataAnnotations;

namespace Foerderworkflow.Server.Security;

/// <summary>
/// Bearer-token settings. In production <see cref="Authority"/> points at the OpenID Connect provider; on the
/// embedded default the server signs its own development tokens for seeded demo users.
/// </summary>
internal sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>OpenID Connect authority (issuer URL); when set, tokens are validated against its keys.</summary>
    public string? Authority { get; set; }

    [Required]
    public string Audience { get; set; } = "foerderworkflow";

    [Required]
    public string Issuer { get; set; } = "foerderworkflow-dev";

    /// <summary>
    /// Enables <c>POST /api/dev/token</c> and Studio's sign-in form for the demo users. Development only (the server
    /// refuses to start with it elsewhere), never together with an <see cref="Authority"/>.
    /// </summary>
    public bool EnableDevelopmentTokens { get; set; }

    /// <summary>
    /// Symmetric key for development tokens (base64, ≥ 32 bytes; anything else refuses the start-up); a random one per
    /// process when empty, so a restart signs everyone out.
    /// </summary>
    public string? SigningKey { get; set; }

    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(8);

    /// <summary>
    /// The claim that carries the roles (<c>kuf</c>, <c>office</c>, <c>committee-member</c>, <c>applicant</c>,
    /// <c>admin</c>); providers differ (<c>roles</c>, <c>groups</c>, …), so it is configurable.
    /// </summary>
    [Required]
    public string RoleClaimType { get; set; } = "role";

    /// <summary>The claim that identifies the account; applicants see the applications submitted under it.</summary>
    [Required]
    public string SubjectClaimType { get; set; } = "sub";
}
