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
    private const string Anonymous = EndpointRoles.Anonymous;

    private static readonly string[] SignedIn = EndpointRoles.SignedIn;

    [Fact]
    public async Task EveryEndpoint_TimesEveryRole_IsAllowedOrDeniedAsTheTableSays()
    {
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = factory.CreateClient(new() { AllowAutoRedirect = false }) };
        var portalClients = new Dictionary<string, HttpClient> { [Anonymous] = factory.CreateClient(new() { AllowAutoRedirect = false }) };
        foreach (var user in SignedIn)
        {
            clients[user] = await factory.SignedInClientAsync(user);
            portalClients[user] = await PortalClientAsync(user);
        }

        var failures = new List<string>();
        var endpoints = Endpoints();
        Assert.True(endpoints.Count > 40, $"Only {endpoints.Count} endpoints found.");
        foreach (var (method, pattern) in endpoints)
        {
            if (EndpointRoles.RolesFor(method, pattern) is not { } allowed)
            {
                failures.Add($"{method} {pattern}: no row in the authorization table");
                continue;
            }

            var portal = EndpointRoles.IsPortal(pattern);
            foreach (var (role, client) in portal ? portalClients : clients)
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), EndpointRoles.Fill(pattern));
                if (method is "POST" or "PUT" or "PATCH")
                {
                    request.Content = pattern.StartsWith("/studio/", StringComparison.Ordinal)
                        ? new FormUrlEncodedContent([new("name", "Matrix")])
                        : new StringContent(pattern == "/api/dev/token" ? """{"userName":"kuf","password":"kuf"}""" : "{}", Encoding.UTF8, "application/json");
                }

                var response = await client.SendAsync(request);
                var status = (int)response.StatusCode;
                var signInPage = portal ? "/anmelden" : "/signin";
                var denied = status is 401 or 403 || (role == Anonymous && method == "GET" && status == 302 && response.Headers.Location?.ToString().Contains(signInPage, StringComparison.Ordinal) == true);
                var expectDenied = !allowed.Contains(role);
                if (denied != expectDenied || (!denied && status >= 500) || (denied && role != Anonymous && status == 401))
                {
                    failures.Add($"{method} {pattern} as {role}: {status}, expected {(expectDenied ? "denied" : "allowed")}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    /// <summary>A browser-like client signed in to the portal through its sign-in form (session cookie and antiforgery token).</summary>
    private async Task<HttpClient> PortalClientAsync(string user)
    {
        var client = factory.CreateClient(new() { AllowAutoRedirect = false, HandleCookies = true });
        var page = await client.GetStringAsync("/anmelden");
        var token = PortalForms.AntiforgeryToken(page);
        var response = await client.PostAsync("/anmelden?handler=password", new FormUrlEncodedContent(
            [new("__fw_token", token), new("userName", user), new("password", user), new("returnUrl", "/")]));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        client.DefaultRequestHeaders.Accept.ParseAdd("text/html");
        return client;
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
}
