using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;

namespace Foerderworkflow.Portal;

/// <summary>
/// The session of an applicant who signed in with an e-mail link: subject and name are the normalized address, the
/// role is <see cref="Roles.Applicant"/>. The subject is what their applications are stored under
/// (<see cref="ApplicationIntake"/> takes <c>caller.Subject</c>), so the same address finds the same applications
/// every time, and no other.
/// </summary>
public static class ApplicantSignIn
{
    public static Task SignInAsync(HttpContext context, PortalSignInOptions options, string normalizedAddress)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(options);
        Claim[] claims =
        [
            new(options.SubjectClaimType, normalizedAddress),
            new(options.NameClaimType, normalizedAddress),
            new(options.RoleClaimType, Roles.Applicant),
        ];
        var identity = new ClaimsIdentity(claims, "email-link", options.SubjectClaimType, options.RoleClaimType);
        return context.SignInAsync(options.SessionScheme, new ClaimsPrincipal(identity));
    }

    /// <summary><paramref name="url"/> when it is a local path (<c>/…</c>, not <c>//host</c> or <c>/\host</c>), else "/".</summary>
    public static string LocalOrHome(string? url) => url is { Length: > 1 } path && path[0] == '/' && path[1] is not '/' and not '\\' ? path : "/";
}
