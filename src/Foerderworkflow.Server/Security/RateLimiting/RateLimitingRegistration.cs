using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.RateLimiting;

namespace Foerderworkflow.Server.Security.RateLimiting;

/// <summary>
/// ASP.NET Core's rate limiting middleware with limits from <see cref="RateLimitingOptions"/>: a global limit per
/// client (authenticated subject, else address) and a strict one on sign-in endpoints per address, plus
/// <see cref="SignInThrottle"/> per user name. Refusals answer 429 with <c>Retry-After</c> and a German problem.
/// </summary>
internal static class RateLimitingRegistration
{
    /// <summary>
    /// The policy of the sign-in endpoints (<c>/api/dev/token</c>, <c>/studio/signin</c>, the portal's <c>/anmelden</c>
    /// and <c>/anmelden/link</c>): their posts per client address.
    /// </summary>
    public const string SignInPolicy = "sign-in";

    public static WebApplicationBuilder AddRateLimits(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(RateLimitingOptions.Section).Get<RateLimitingOptions>() ?? new RateLimitingOptions();
        options.Validate();
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton<SignInThrottle>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<TimeProvider, AuthOptions>((limiter, clock, auth) =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
                // Health probes come from the platform, often many per minute from one address: never throttled.
                context.Request.Path.StartsWithSegments("/health")
                    ? RateLimitPartition.GetNoLimiter("health")
                    : RateLimitPartition.Get(ClientKey(context, auth), _ => new ClockedFixedWindowLimiter(options.Global.PermitLimit, options.Global.Window, clock)));
            limiter.AddPolicy(SignInPolicy, context =>
                // Attempts are posts; showing a sign-in page (the portal's, Studio's form) is not one, so a page that
                // is read several times does not use up an office's shared address's attempts.
                HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method)
                    ? RateLimitPartition.GetNoLimiter("read")
                    : RateLimitPartition.Get(AddressKey(context), _ => new ClockedFixedWindowLimiter(options.SignIn.PerClient, options.SignIn.Window, clock)));
            limiter.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : options.Global.Window;
                if (rejected.HttpContext.Features.Get<IStatusCodePagesFeature>() is { Enabled: true })
                {
                    // A browser's page request (the portal left its error pages on for it): no JSON for a person, an
                    // empty 429 that the portal's German error page (/fehler/429) fills.
                    rejected.HttpContext.Response.Headers.RetryAfter = Seconds(retryAfter).ToString(CultureInfo.InvariantCulture);
                    return ValueTask.CompletedTask;
                }

                return new ValueTask(TooManyRequests(retryAfter).ExecuteAsync(rejected.HttpContext));
            };
        });
        return builder;
    }

    /// <summary>429 with <c>Retry-After</c> (whole seconds, rounded up) and a German problem body.</summary>
    public static IResult TooManyRequests(TimeSpan retryAfter)
    {
        var seconds = Seconds(retryAfter);
        return new RetryAfterResult(seconds, Results.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Zu viele Anfragen",
            detail: $"Es kamen in kurzer Zeit zu viele Anfragen oder Anmeldeversuche. Bitte versuchen Sie es in {seconds} Sekunden erneut."));
    }

    private static int Seconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));

    /// <summary>The authenticated subject, else the client address.</summary>
    private static string ClientKey(HttpContext context, AuthOptions auth) =>
        context.User.Identity?.IsAuthenticated == true && context.User.FindFirst(auth.SubjectClaimType)?.Value is { Length: > 0 } subject
            ? "sub:" + subject
            : AddressKey(context);

    private static string AddressKey(HttpContext context) => "ip:" + (context.Connection.RemoteIpAddress ?? IPAddress.None).ToString();

    private sealed class RetryAfterResult(int seconds, IResult problem) : IResult
    {
        public Task ExecuteAsync(HttpContext httpContext)
        {
            httpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
            return problem.ExecuteAsync(httpContext);
        }
    }
}
