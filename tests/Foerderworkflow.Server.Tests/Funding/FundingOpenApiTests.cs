using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Server.Tests.Funding;

public sealed class FundingOpenApiTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Fact]
    public async Task EveryFundingEndpoint_IsInTheServedOpenApiDocument_WithASummary()
    {
        var document = (await factory.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var paths = document["paths"]!.AsObject();
        var funding = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && (raw.StartsWith("/api/applications", StringComparison.Ordinal) || raw is "/api/tasks" or "/api/votes" || raw.StartsWith("/api/funds", StringComparison.Ordinal)))
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(m => (Method: m.ToLowerInvariant(), Path: OpenApiPath(e.RoutePattern.RawText!))))
            .ToList();

        Assert.True(funding.Count >= 18, $"Only {funding.Count} funding endpoints.");
        foreach (var (method, path) in funding)
        {
            var operation = paths[path]?[method];
            Assert.True(operation is not null, $"{method.ToUpperInvariant()} {path} is missing from the OpenAPI document.");
            Assert.False(string.IsNullOrWhiteSpace(operation!["summary"]?.GetValue<string>()), $"{method.ToUpperInvariant()} {path} has no summary.");
        }
    }

    /// <summary>Route pattern → OpenAPI path: no trailing slash, no route constraints.</summary>
    private static string OpenApiPath(string pattern)
    {
        var path = pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
        return System.Text.RegularExpressions.Regex.Replace(path, "{([^}:]+):[^}]+}", "{$1}");
    }
}
