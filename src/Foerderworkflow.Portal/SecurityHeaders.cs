using Microsoft.AspNetCore.Mvc.Filters;

namespace Foerderworkflow.Portal;

/// <summary>
/// Headers on every portal page: a Content-Security-Policy that allows only the portal's own stylesheet, script, images
/// and form targets (no inline script or style, so injected markup cannot run), no framing, no MIME sniffing, and no
/// full URLs (with application ids) in the Referer sent elsewhere.
/// </summary>
internal sealed class SecurityHeaders : IAsyncPageFilter
{
    public const string ContentSecurityPolicy =
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
        + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var headers = context.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        // Pages show personal data: no shared cache may keep them.
        headers.CacheControl = "no-store";
        return next();
    }
}
