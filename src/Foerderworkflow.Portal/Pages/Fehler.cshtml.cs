using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Foerderworkflow.Portal.Pages;

/// <summary>
/// The German error page a failed page request is re-executed to (<see cref="PortalRegistration.UsePortalErrorPages"/>),
/// with the method of the failed request: a refused form post (no antiforgery token) must be shown, not refused again.
/// </summary>
[IgnoreAntiforgeryToken]
public sealed class FehlerModel : PageModel
{
    public string? Code => RouteData.Values["code"] as string;
}
