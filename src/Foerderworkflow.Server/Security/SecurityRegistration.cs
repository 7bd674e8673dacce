using System.Security.Cryptography;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Foerderworkflow.Server.Security;

internal static class SecurityRegistration
{
    /// <summary>The cookie in which a browser sign-in keeps its bearer token.</summary>
    public const string AccessCookie = "fw_access";

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(AuthOptions.Section).Get<AuthOptions>() ?? new AuthOptions();
        if (options.EnableDevelopmentTokens && !string.IsNullOrEmpty(options.Authority))
        {
            throw new OptionsValidationException(AuthOptions.Section, typeof(AuthOptions), ["Auth:EnableDevelopmentTokens must be false when Auth:Authority is set."]);
        }

        var signingKey = new SymmetricSecurityKey(string.IsNullOrEmpty(options.SigningKey) ? RandomNumberGenerator.GetBytes(32) : Convert.FromBase64String(options.SigningKey));
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(sp => new DevelopmentTokenIssuer(options, signingKey, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer(jwt =>
            {
                jwt.MapInboundClaims = false;
                jwt.TokenValidationParameters.RoleClaimType = options.RoleClaimType;
                jwt.TokenValidationParameters.NameClaimType = options.SubjectClaimType;
                jwt.TokenValidationParameters.ValidAudience = options.Audience;
                // Studio's pages sign in with a cookie that carries the same token (same origin, SameSite=Strict).
                jwt.Events = new JwtBearerEvents
                {
                    OnMessageReceived = context =>
                    {
                        if (!context.Request.Headers.ContainsKey("Authorization") && context.Request.Cookies.TryGetValue(AccessCookie, out var token))
                        {
                            context.Token = token;
                        }

                        return Task.CompletedTask;
                    },
                    OnChallenge = context =>
                    {
                        // A browser opening a Studio page without a session goes to the sign-in page instead of a bare 401.
                        var request = context.Request;
                        if (HttpMethods.IsGet(request.Method) && request.Path.StartsWithSegments(Studio.StudioHosting.BasePath))
                        {
                            context.HandleResponse();
                            context.Response.Redirect($"{Studio.StudioHosting.BasePath}/signin?returnUrl={Uri.EscapeDataString(request.Path + request.QueryString)}");
                        }

                        return Task.CompletedTask;
                    },
                };
                if (!string.IsNullOrEmpty(options.Authority))
                {
                    jwt.Authority = options.Authority;
                }
                else
                {
                    jwt.TokenValidationParameters.ValidIssuer = options.Issuer;
                    jwt.TokenValidationParameters.IssuerSigningKey = signingKey;
                }
            });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new Microsoft.AspNetCore.Authorization.AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(Policies.WorkflowAdministration, policy => policy.RequireRole(Roles.Admin))
            .AddPolicy(Policies.Applicant, policy => policy.RequireRole(Roles.Applicant))
            .AddPolicy(Policies.CoordinationOffice, policy => policy.RequireRole(Roles.CoordinationOffice))
            .AddPolicy(Policies.CommitteeMember, policy => policy.RequireRole(Roles.CommitteeMember))
            .AddPolicy(Policies.LeadOffice, policy => policy.RequireRole(Roles.LeadOffice))
            .AddPolicy(Policies.CaseStaff, policy => policy.RequireRole(Roles.CoordinationOffice, Roles.LeadOffice, Roles.Admin))
            .AddPolicy(Policies.ApplicationReader, policy => policy.RequireRole(Roles.Applicant, Roles.CoordinationOffice, Roles.LeadOffice, Roles.Admin));
        builder.AddStudioOpenIdConnect(options);
        return builder;
    }

    public static WebApplication MapSecurityEndpoints(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<AuthOptions>();
        if (options.EnableDevelopmentTokens)
        {
            app.MapPost("/api/dev/token", (DevelopmentTokenRequest request, DevelopmentTokenIssuer issuer) =>
                    issuer.TryIssue(request) is { } token
                        ? Results.Ok(token)
                        : Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "Anmeldung fehlgeschlagen", detail: "Benutzername oder Passwort ist falsch."))
                .AllowAnonymous()
                .WithTags("Development");
        }

        return app;
    }
}
