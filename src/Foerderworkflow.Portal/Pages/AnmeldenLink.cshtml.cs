using Foerderworkflow.Funding.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages;

/// <summary>
/// Where the e-mail's sign-in link lands (<c>/anmelden/link?code=…</c>). Opening it only looks: mail scanners and link
/// previews fetch links, and a GET that signed in would use the link up before the person clicked it. The button
/// "Jetzt anmelden" posts the code (with the antiforgery token, as every form), which redeems it once.
/// </summary>
public sealed class AnmeldenLinkModel(PortalSignInOptions options, SignInLinkStore links) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public string? Code { get; set; }

    /// <summary>False when the code is unknown, used or expired: the page offers a new link instead.</summary>
    public bool Redeemable { get; private set; }

    public async Task OnGetAsync() => Redeemable = await links.IsRedeemableAsync(Code, HttpContext.RequestAborted);

    public async Task<IActionResult> OnPostAsync()
    {
        if (await links.RedeemAsync(Code, HttpContext.RequestAborted) is not { } redeemed)
        {
            Redeemable = false;
            return Page();
        }

        await ApplicantSignIn.SignInAsync(HttpContext, options, redeemed.Address);
        return LocalRedirect(ApplicantSignIn.LocalOrHome(redeemed.ReturnUrl));
    }
}
