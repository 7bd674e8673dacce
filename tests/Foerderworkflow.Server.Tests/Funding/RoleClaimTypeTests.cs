using System.IdentityModel.Tokens.Jwt;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>Roles come from a configurable claim, so an OpenID Connect provider's own claim names work by configuration.</summary>
public sealed class RoleClaimTypeTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task ConfiguredRoleClaim_IsWhatThePoliciesRead()
    {
        using var configured = factory.WithWebHostBuilder(b => b.UseSetting("Auth:RoleClaimType", "roles").UseSetting("Auth:SubjectClaimType", "preferred_username"));
        var client = configured.CreateClient();
        var token = (await (await client.PostAsJsonAsync("/api/dev/token", new { userName = "kuf", password = "kuf" })).Content.ReadFromJsonAsync<TokenResponse>())!.AccessToken;
        var claims = new JwtSecurityTokenHandler().ReadJwtToken(token).Claims.ToList();
        Assert.Contains(claims, c => c.Type == "roles" && c.Value == "kuf");
        Assert.Contains(claims, c => c.Type == "preferred_username" && c.Value == "kuf");
        Assert.DoesNotContain(claims, c => c.Type == "role");

        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/api/tasks")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/votes")).StatusCode);
    }

    private sealed record TokenResponse(string AccessToken);
}
