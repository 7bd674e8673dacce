using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages;

/// <summary>
/// Signing in: staff with the municipality's OpenID Connect provider (or, on the embedded default, the seeded demo
/// users with their password), applicants with a one-time link sent to their e-mail address. Signing out ends the
/// browser session.
/// </summary>
public sealed class AnmeldenModel(PortalSignInOptions options) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool PasswordSignIn => options.CheckPassword is not null;

    public bool OidcSignIn => options.OidcScheme is not null;

    public string SafeReturnUrl => ReturnUrl is { Length: > 1 } url && url[0] == '/' && url[1] is not '/' and not '\\' ? url : "/";

    public IActionResult OnPostOidc() => options.OidcScheme is { } scheme
        ? Challenge(new AuthenticationProperties { RedirectUri = SafeReturnUrl }, scheme)
        : NotFound();

    public async Task<IActionResult> OnPostPasswordAsync()
    {
        if (options.CheckPassword is not { } check)
        {
            return NotFound();
        }

        var (allowed, retryAfter) = options.Throttle(HttpContext.RequestServices, UserName ?? "");
        if (!allowed)
        {
            ModelState.AddModelError(nameof(UserName), $"Zu viele Anmeldeversuche. Bitte warten Sie {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalMinutes))} Minuten.");
            return Page();
        }

        if (string.IsNullOrWhiteSpace(UserName) || Password is null || check(HttpContext.RequestServices, UserName.Trim(), Password) is not { } claims)
        {
            // One message for an unknown name and a wrong password: the page does not tell which accounts exist.
            ModelState.AddModelError(nameof(UserName), "Benutzername oder Passwort ist falsch.");
            return Page();
        }

        await SignInAsync(claims);
        return LocalRedirect(SafeReturnUrl);
    }

    public async Task<IActionResult> OnPostAbmeldenAsync()
    {
        await HttpContext.SignOutAsync(options.SessionScheme);
        return LocalRedirect("/");
    }

    private Task SignInAsync(IEnumerable<Claim> claims)
    {
        var identity = new ClaimsIdentity(claims, "portal", options.SubjectClaimType, options.RoleClaimType);
        return HttpContext.SignInAsync(options.SessionScheme, new ClaimsPrincipal(identity));
    }
}
