using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// Every endpoint the app maps (read from its endpoint data sources, so a new endpoint without a row here fails) ×
/// every role: denied is 401 for anonymous and 403 for a signed-in role, allowed is anything else but a server error.
/// Allowed calls use placeholder ids and empty bodies, so they mostly end in 400/404/409 (on the test's own store).
/// </summary>
public sealed class AuthorizationMatrixTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const string Anonymous = "anonymous";
    private const string Applicant = "traeger";
    private const string Kuf = "kuf";
    private const string Committee = "ausschuss";
    private const string Office = "amt";
    private const string Admin = "admin";

    private static readonly string[] Everyone = [Anonymous, Applicant, Kuf, Committee, Office, Admin];
    private static readonly string[] SignedIn = [Applicant, Kuf, Committee, Office, Admin];
    private static readonly string[] AdminOnly = [Admin];
    private static readonly string[] ApplicantOnly = [Applicant];
    private static readonly string[] KufOnly = [Kuf];
    private static readonly string[] CommitteeOnly = [Committee];
    private static readonly string[] OfficeOnly = [Office];
    private static readonly string[] Staff = [Kuf, Office, Admin];
    private static readonly string[] Readers = [Applicant, Kuf, Office, Admin];

    /// <summary>Who may call what: "METHOD route pattern" → the roles let through. Route prefixes ending in '*' cover a whole area.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new(StringComparer.Ordinal)
    {
        ["GET /health/live"] = Everyone,
        ["GET /health/ready"] = Everyone,
        ["GET /openapi/{documentName}.json"] = Everyone,
        ["POST /api/dev/token"] = Everyone,

        ["* /api/workflow-definitions*"] = AdminOnly,
        ["* /api/workflow-instances*"] = AdminOnly,
        ["POST /api/bookmarks/{bookmarkId}/resume"] = AdminOnly,
        ["POST /api/events/{eventName}"] = AdminOnly,
        ["* /api/operations*"] = AdminOnly,
        ["* /elsa/api*"] = AdminOnly,
        ["GET /studio/"] = AdminOnly,
        ["GET /studio/edit/{definitionId}"] = AdminOnly,
        ["GET /studio/instances"] = AdminOnly,
        ["GET /studio/instances/{instanceId}"] = AdminOnly,
        ["POST /studio/new"] = AdminOnly,
        ["GET /studio/signin"] = Everyone,
        ["POST /studio/signin"] = Everyone,
        // Mapped anonymous, but the /studio branch lets only admins past the sign-in page (StudioHosting).
        ["POST /studio/signout"] = AdminOnly,

        ["POST /api/applications/"] = ApplicantOnly,
        ["GET /api/applications/"] = Readers,
        ["GET /api/applications/{applicationId}"] = Readers,
        ["POST /api/applications/{applicationId}/resubmission"] = ApplicantOnly,
        ["POST /api/applications/{applicationId}/grant-acceptance"] = ApplicantOnly,
        ["POST /api/applications/{applicationId}/proof-of-use"] = ApplicantOnly,
        ["GET /api/tasks"] = Staff,
        ["POST /api/applications/{applicationId}/formal-review"] = KufOnly,
        ["POST /api/applications/{applicationId}/routing"] = KufOnly,
        ["POST /api/applications/{applicationId}/vote-closing"] = KufOnly,
        ["GET /api/votes"] = CommitteeOnly,
        ["POST /api/applications/{applicationId}/conflicts"] = CommitteeOnly,
        ["POST /api/applications/{applicationId}/votes"] = CommitteeOnly,
        ["POST /api/applications/{applicationId}/decision"] = OfficeOnly,
        ["POST /api/applications/{applicationId}/proof-of-use-review"] = OfficeOnly,
        ["POST /api/applications/{applicationId}/reclaims"] = OfficeOnly,
        ["POST /api/applications/{applicationId}/payout-requests"] = ApplicantOnly,
        ["POST /api/applications/{applicationId}/change-requests"] = ApplicantOnly,
        ["POST /api/applications/{applicationId}/project-end"] = ApplicantOnly,
        ["POST /api/applications/{applicationId}/withdrawal"] = ApplicantOnly,
        ["POST /api/applications/{applicationId}/payouts/{payoutId}/approval"] = OfficeOnly,
        ["POST /api/applications/{applicationId}/change-review"] = OfficeOnly,
        ["POST /api/applications/{applicationId}/repayments"] = OfficeOnly,
        ["GET /api/funds/"] = Readers,
        ["GET /api/funds/{fundId}/budgets/{year:int}"] = Staff,
    };

    [Fact]
    public async Task EveryEndpoint_TimesEveryRole_IsAllowedOrDeniedAsTheTableSays()
    {
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = factory.CreateClient(new() { AllowAutoRedirect = false }) };
        foreach (var user in SignedIn)
        {
            clients[user] = await factory.SignedInClientAsync(user);
        }

        var failures = new List<string>();
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 40, $"Only {endpoints.Count} endpoints found.");
        foreach (var (method, pattern) in endpoints)
        {
            if (RolesFor(method, pattern) is not { } allowed)
            {
                failures.Add($"{method} {pattern}: no row in the authorization table");
                continue;
            }

            foreach (var (role, client) in clients)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), Fill(pattern));
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = pattern.StartsWith("/studio/", StringComparison.Ordinal)
                        ? new FormUrlEncodedContent([new("name", "Matrix")])
                        : new StringContent(pattern == "/api/dev/token" ? """{"userName":"kuf","password":"kuf"}""" : "{}", Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var denied = status is 401 or 403 || (role == Anonymous && method == "GET" && status == 302 && response.Headers.Location?.ToString().Contains("/signin", StringComparison.Ordinal) == true);
                var expectDenied = !allowed.Contains(role);
                if (denied != expectDenied || (!denied && status >= 500) || (denied && role != Anonymous && status == 401))
                {
                    failures.Add($"{method} {pattern} as {role}: {status}, expected {(expectDenied ? "denied" : "allowed")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    private List<(string Method, string Pattern)> Endpoints()
    {
        _ = factory.Server;
        var source = factory.Services.GetRequiredService<EndpointDataSource>();
        return [.. source.Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(m => (m, Normalize(e.RoutePattern.RawText ?? ""))))
            .Distinct()
            .OrderBy(e => e.Item2, StringComparer.Ordinal)];
    }

    private static string Normalize(string pattern) => pattern.StartsWith('/') ? pattern : "/" + pattern;

    private static string[]? RolesFor(string method, string pattern)
    {
        if (Allowed.TryGetValue($"{method} {pattern}", out var exact))
        {
            return exact;
        }

        return Allowed.Where(r => r.Key.StartsWith("* ", StringComparison.Ordinal) && r.Key.EndsWith('*') && pattern.StartsWith(r.Key[2..^1], StringComparison.Ordinal))
            .Select(r => r.Value)
            .FirstOrDefault();
    }

    /// <summary>Placeholder values for route parameters: ids nobody has, a real fund and year for the budget.</summary>
    private static string Fill(string pattern)
    {
        var builder = new StringBuilder();
        var i = 0;
        while (i < pattern.Length)
        {
            if (pattern[i] != '{')
            {
                builder.Append(pattern[i++]);
                continue;
            }

            var end = pattern.IndexOf('}', i);
            var name = pattern[(i + 1)..end].TrimStart('*').Split(':', '=', '?')[0];
            builder.Append(name switch
            {
                "fundId" => "herten-aif",
                "year" or "version" => "2026",
                "documentName" => "v1",
                _ => "no-such-" + name.ToLowerInvariant(),
            });
            i = end + 1;
        }

        return builder.ToString();
    }
}
