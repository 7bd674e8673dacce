using Foerderworkflow.Casework;
using System.Text.Encodings.Web;
using System.Text.Unicode;
using Microsoft.Extensions.WebEncoders;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Portal;

/// <summary>Wires the portal into a host: <see cref="AddPortal"/> with the services, <see cref="MapPortal"/> with the pages at "/".</summary>
public static class PortalRegistration
{
    public static IServiceCollection AddPortal(this IServiceCollection services, Action<PortalSignInOptions> configure)
    {
        var signIn = new PortalSignInOptions();
        configure(signIn);
        services.AddSingleton(signIn);
        services.AddSingleton<PortalAssets>();
        services.AddRazorPages(options =>
            {
                // Every page needs a signed-in person unless it says otherwise; the folders narrow it to a role.
                options.Conventions.AuthorizeFolder("/", PortalPolicies.SignedIn);
                options.Conventions.AllowAnonymousToPage("/Index");
                options.Conventions.AllowAnonymousToPage("/Anmelden");
                options.Conventions.AllowAnonymousToPage("/Fehler");
                options.Conventions.AuthorizeFolder("/Antraege", PortalPolicies.ApplicationReader);
                options.Conventions.AuthorizeFolder("/Aufgaben", PortalPolicies.CaseStaff);
                options.Conventions.ConfigureFilter(new SecurityHeaders());
            })
            .AddApplicationPart(typeof(PortalRegistration).Assembly);
        services.Configure<RouteOptions>(options => options.LowercaseUrls = true);
        // Umlauts and ß as they are, not as &#xFC; (still encoded where HTML needs it: < > & " ').
        services.Configure<WebEncoderOptions>(options => options.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddAntiforgery(options =>
        {
            options.Cookie.Name = "fw_antiforgery";
            options.FormFieldName = "__fw_token";
        });
        services.AddAuthorizationBuilder()
            .AddPolicy(PortalPolicies.SignedIn, policy => policy.AddAuthenticationSchemes(signIn.SessionScheme).RequireAuthenticatedUser())
            .AddPolicy(PortalPolicies.Applicant, policy => policy.AddAuthenticationSchemes(signIn.SessionScheme).RequireRole(Roles.Applicant))
            .AddPolicy(PortalPolicies.ApplicationReader, policy => policy.AddAuthenticationSchemes(signIn.SessionScheme)
                .RequireRole(Roles.Applicant, Roles.CoordinationOffice, Roles.LeadOffice, Roles.Admin))
            .AddPolicy(PortalPolicies.CaseStaff, policy => policy.AddAuthenticationSchemes(signIn.SessionScheme)
                .RequireRole(Roles.CoordinationOffice, Roles.LeadOffice, Roles.Admin))
            .AddPolicy(PortalPolicies.CoordinationOffice, policy => policy.AddAuthenticationSchemes(signIn.SessionScheme).RequireRole(Roles.CoordinationOffice))
            .AddPolicy(PortalPolicies.LeadOffice, policy => policy.AddAuthenticationSchemes(signIn.SessionScheme).RequireRole(Roles.LeadOffice))
            .AddPolicy(PortalPolicies.CommitteeMember, policy => policy.AddAuthenticationSchemes(signIn.SessionScheme).RequireRole(Roles.CommitteeMember));
        return services;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        app.MapGet(PortalAssets.BasePath + "/{name}", (string name, HttpContext context, PortalAssets assets) => assets.Serve(name, context))
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// German error pages (<c>/fehler/{code}</c>) for a browser that asked for a page and got 400, 403, 404 or another
    /// error without a body; API, Studio and machine requests keep their problem details. Register after the host's
    /// own status-code pages, so this runs first.
    /// </summary>
    public static IApplicationBuilder UsePortalErrorPages(this IApplicationBuilder app)
    {
        // Not in a UseWhen branch: a branch has no access to the host's endpoints, so the re-executed /fehler/404
        // would find no page. Instead, the re-execution is switched off for every request that is not a page request.
        app.UseStatusCodePagesWithReExecute("/fehler/{0}");
        return app.Use((context, next) =>
        {
            if (!IsPageRequest(context.Request) && context.Features.Get<IStatusCodePagesFeature>() is { } pages)
            {
                pages.Enabled = false;
            }

            return next(context);
        });
    }

    private static readonly PathString[] NotPortal = ["/api", "/elsa", "/studio", "/health", "/metrics", "/openapi", "/assets"];

    private static bool IsPageRequest(HttpRequest request) =>
        !NotPortal.Any(prefix => request.Path.StartsWithSegments(prefix))
        && request.Headers.Accept.Any(accept => accept is not null && accept.Contains("text/html", StringComparison.OrdinalIgnoreCase));

    /// <summary>The portal's own sign-in page (<c>/anmelden</c>) with the page to come back to.</summary>
    public static string SignInPath(string returnTo) => "/anmelden?returnUrl=" + Uri.EscapeDataString(string.IsNullOrEmpty(returnTo) ? "/" : returnTo);
}
