using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace Foerderworkflow.Server.Studio;

/// <summary>
/// A signed-in user without the administrator role who opens a Studio page gets a German page that says so and offers
/// the sign-out, instead of an empty 403. API calls (and every other path) keep the plain answer of their scheme.
/// </summary>
internal sealed class StudioForbiddenPage : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden && context.User.Identity?.IsAuthenticated == true && StudioHosting.IsBrowserPage(context.Request))
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            context.Response.ContentType = "text/html; charset=utf-8";
            await context.Response.WriteAsync(StudioHosting.ForbiddenPage(context.User.Identity.Name));
            return;
        }

        await fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
