using System.Net.Mail;
using System.Security.Claims;
using Foerderworkflow.Contracts;
using Foerderworkflow.Funding.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Logging;

namespace Foerderworkflow.Portal.Pages;

/// <summary>
/// Signing in: staff with the municipality's OpenID Connect provider (or, on the embedded default, the seeded demo
/// users with their password), applicants with a one-time link sent to their e-mail address. Signing out ends the
/// browser session.
/// </summary>
/// <remarks>
/// A link request is answered the same way for every well-formed address: there are no applicant accounts to find
/// out about, and the page never says whether an address has applied before. The address is counted against the
/// per-address throttle before anything is stored or sent; the client's own limit is the host's sign-in policy
/// (a convention in <see cref="PortalRegistration"/>).
/// </remarks>
public sealed partial class AnmeldenModel(
    PortalSignInOptions options, SignInLinkStore links, ISignInLinkSender sender, TimeProvider clock, ILogger<AnmeldenModel> logger) : PageModel
{
    /// <summary>The longest address SMTP can carry (RFC 5321: 254 characters in a path).</summary>
    private const int MaxAddressLength = 254;

    [BindProperty]
    public string? Email { get; set; }

    /// <summary>True after a link was requested: the page shows the confirmation instead of the form.</summary>
    public bool LinkSent { get; private set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty]
    public string? UserName { get; set; }

    [BindProperty]
    public string? Password { get; set; }

    public bool PasswordSignIn => options.CheckPassword is not null;

    public bool OidcSignIn => options.OidcScheme is not null;

    public string SafeReturnUrl => ApplicantSignIn.LocalOrHome(ReturnUrl);

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
            ModelState.AddModelError(nameof(UserName), $"Zu viele Anmeldeversuche. Bitte warten Sie {Minutes(retryAfter)}.");
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

    public async Task<IActionResult> OnPostLinkAsync()
    {
        var address = Email?.Trim() ?? "";
        if (address.Length == 0)
        {
            ModelState.AddModelError(nameof(Email), "Bitte geben Sie Ihre E-Mail-Adresse an.");
            return Page();
        }

        if (!IsMailbox(address))
        {
            ModelState.AddModelError(nameof(Email), "Bitte geben Sie eine gültige E-Mail-Adresse an, zum Beispiel name@beispiel.de.");
            return Page();
        }

        var normalized = SignInLinkStore.Normalize(address);
        var (allowed, retryAfter) = options.Throttle(HttpContext.RequestServices, "link:" + normalized);
        if (!allowed)
        {
            ModelState.AddModelError(nameof(Email), $"Für diese E-Mail-Adresse wurden in kurzer Zeit zu viele Anmeldelinks angefordert. Bitte warten Sie {Minutes(retryAfter)} und fordern Sie dann einen neuen Link an.");
            return Page();
        }

        var ct = HttpContext.RequestAborted;
        var (code, expiresAt) = await links.IssueAsync(normalized, ReturnUrl is null ? null : SafeReturnUrl, ct);
        var link = new Uri(options.PublicBaseUrl(HttpContext.RequestServices), "anmelden/link?code=" + Uri.EscapeDataString(code));
        try
        {
            await sender.SendAsync(new SendSignInLink { To = address, Link = link, ExpiresAt = expiresAt, RequestedAt = clock.GetUtcNow() }, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            // Not the address, not the link: the log must not hold a code that signs someone in.
            LogNotSent(logger, ex);
            ModelState.AddModelError(nameof(Email), "Der Anmeldelink konnte gerade nicht verschickt werden. Bitte versuchen Sie es in einigen Minuten noch einmal.");
            return Page();
        }

        LinkSent = true;
        Email = null;
        return Page();
    }

    public async Task<IActionResult> OnPostAbmeldenAsync()
    {
        await HttpContext.SignOutAsync(options.SessionScheme);
        return LocalRedirect("/");
    }

    /// <summary>One address with a domain, nothing around it (no display name, no second address).</summary>
    private static bool IsMailbox(string address) =>
        address.Length <= MaxAddressLength
        && MailAddress.TryCreate(address, out var parsed)
        && parsed.Address == address
        && parsed.DisplayName.Length == 0
        && parsed.Host.Contains('.', StringComparison.Ordinal);

    private static string Minutes(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalMinutes)) is var minutes && minutes == 1 ? "eine Minute" : $"{minutes} Minuten";

    [LoggerMessage(EventId = 40, Level = LogLevel.Error, Message = "A sign-in link could not be handed to the notification worker")]
    private static partial void LogNotSent(ILogger logger, Exception exception);

    private Task SignInAsync(IEnumerable<Claim> claims)
    {
        var identity = new ClaimsIdentity(claims, "portal", options.SubjectClaimType, options.RoleClaimType);
        return HttpContext.SignInAsync(options.SessionScheme, new ClaimsPrincipal(identity));
    }
}
