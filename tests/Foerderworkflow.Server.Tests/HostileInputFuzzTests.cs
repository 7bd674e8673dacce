using System.Diagnostics;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Foerderworkflow.Server.Tests.Funding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Server.Tests;

/// <summary>
/// Issue 12: every write endpoint (from the endpoint data sources, cross-checked with the served OpenAPI document, so a
/// new one is never missed) gets a fixed, seeded corpus of hostile bodies as a role that may call it. Each answer is a
/// 4xx problem+json without .NET type names, and no row is added or removed anywhere in the workflow database.
/// </summary>
public sealed partial class HostileInputFuzzTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    private const int Seed = 20_261_207;

    private static readonly string[] WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    /// <summary>Studio's pages (HTML forms and the sign-out button): no API, so not in the OpenAPI document.</summary>
    private static readonly HashSet<string> StudioPages = new(StringComparer.Ordinal) { "POST /studio/new", "POST /studio/signin", "POST /studio/signout" };

    /// <summary>The pages that read a posted HTML form.</summary>
    private static readonly HashSet<string> FormPages = new(StringComparer.Ordinal) { "POST /studio/new", "POST /studio/signin" };

    /// <summary>Endpoints whose handler reads the request body itself (no body parameter the OpenAPI document would show).</summary>
    private static readonly HashSet<string> ReadsBodyItself = new(StringComparer.Ordinal) { "POST /elsa/api/workflow-instances/{instanceId}/journal" };

    /// <summary>Characters refused in every text, one-line or multi-line (tab and line breaks are for the one-line tests in TextInputTests).</summary>
    private static readonly string[] Hostile =
    [
        "\0", "\u0007", "\u001b[2J", "\u202E", "\u2066", "\u200F", "\u061C", "\u0085", "\u007F", "\u000B",
    ];

    /// <summary>Writes that only read (a list filter): an over-long filter text finds nothing, which is no error.</summary>
    private static readonly HashSet<string> Queries = new(StringComparer.Ordinal) { "POST /elsa/api/workflow-instances" };

    [Fact]
    public async Task EveryWriteEndpoint_HostileBodies_Are4xxProblems_WithoutTypeNames_AndStoreNothing()
    {
        var watch = Stopwatch.StartNew();
        var applicationId = FundingApi.Id(await new FundingApi(factory).SubmitAsync());
        var known = new Dictionary<string, string> { ["applicationId"] = applicationId };
        var document = (await factory.CreateClient().GetFromJsonAsync<JsonObject>("/openapi/v1.json"))!;
        var endpoints = WriteEndpoints();
        var failures = new List<string>();
        var clients = new Dictionary<string, HttpClient>(StringComparer.Ordinal);
        var random = new Random(Seed);
        var sent = 0;

        Assert.True(endpoints.Count >= 40, $"Only {endpoints.Count} write endpoints found.");
        var before = Counts();
        foreach (var (method, pattern, readsBody, optionalBody) in endpoints)
        {
            var key = $"{method} {pattern}";
            var operation = document["paths"]?[OpenApiPath(pattern)]?[method.ToLowerInvariant()];
            if (operation is null && !StudioPages.Contains(key))
            {
                failures.Add($"{key}: not in the OpenAPI document");
            }

            if (EndpointRoles.RolesFor(method, pattern) is not { } roles)
            {
                failures.Add($"{key}: no row in EndpointRoles");
                continue;
            }

            var role = roles.FirstOrDefault(r => r != EndpointRoles.Anonymous) ?? EndpointRoles.Admin;
            if (!clients.TryGetValue(role, out var client))
            {
                clients[role] = client = await factory.SignedInClientAsync(role);
            }

            var schema = Resolve(document, operation?["requestBody"]?["content"]?["application/json"]?["schema"]);
            foreach (var (name, content) in Corpus(schema, random))
            {
                using var request = new HttpRequestMessage(new HttpMethod(method), EndpointRoles.Fill(pattern, p => known.GetValueOrDefault(p))) { Content = content };
                using var response = await client.SendAsync(request);
                sent++;
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json";
                var mayPass = (name is "null" or "empty body" && optionalBody) || (name == "object with long values" && Queries.Contains(key));
                if (status >= 500 || (readsBody && !mayPass && (status is < 400 or >= 500 || !problem)))
                {
                    failures.Add($"{key} with {name} ({Shorten(await content.ReadAsStringAsync())}): {status} {Shorten(text)}");
                }
                else if (TypeName().IsMatch(text))
                {
                    failures.Add($"{key} with {name}: .NET type name in the answer: {Shorten(text)}");
                }
            }
        }

        var after = Counts();
        foreach (var (table, count) in after)
        {
            if (before.GetValueOrDefault(table) != count)
            {
                failures.Add($"table {table}: {before.GetValueOrDefault(table)} rows before, {count} after");
            }
        }

        Assert.True(failures.Count == 0, $"{endpoints.Count} endpoints, {sent} requests, {watch.Elapsed}:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }

    /// <summary>
    /// The corpus for one endpoint: wrong shapes and broken encodings, then objects after its OpenAPI schema (or a
    /// generic one) with a hostile character in every string, and extreme years, dates and numbers.
    /// </summary>
    private static IEnumerable<(string Name, HttpContent Content)> Corpus(JsonNode? schema, Random random)
    {
        foreach (var shape in new[] { "[]", "\"x\"", "null", "1", "true", "[{}]", "{\"a\":", "1e400", "{\"a\":1}}" })
        {
            yield return (shape, Json(shape));
        }

        yield return ("nested arrays", Json(new string('[', 5_000) + new string(']', 5_000)));
        yield return ("nested objects", Json(string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)));
        yield return ("invalid UTF-8", new ByteArrayContent([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        yield return ("empty body", new ByteArrayContent([]) { Headers = { ContentType = new MediaTypeHeaderValue("application/json") } });
        yield return ("text/plain", new StringContent("""{"name":"x"}""", Encoding.UTF8, "text/plain"));
        yield return ("no content type", new ByteArrayContent(Encoding.UTF8.GetBytes("""{"name":"x"}""")));

        // The schema's fields, plus fields free JSON bodies (Studio's, a workflow's input) read, so every body has strings to spoil.
        var template = Example(schema, depth: 0) as JsonObject ?? [];
        foreach (var (name, value) in new JsonObject { ["name"] = "x", ["model"] = new JsonObject { ["name"] = "x", ["root"] = new JsonObject() }, ["input"] = new JsonObject { ["x"] = "x" }, ["correlationId"] = "x", ["budgetYear"] = 2026 })
        {
            if (!template.ContainsKey(name))
            {
                template[name] = value!.DeepClone();
            }
        }

        foreach (var extreme in new[] { "min", "max", "huge", "long" })
        {
            var body = (JsonObject)template.DeepClone();
            Mutate(body, extreme, random);
            yield return ($"object with {extreme} values", Json(body.ToJsonString()));
        }
    }

    private static StringContent Json(string text) => new(text, Encoding.UTF8, "application/json");

    /// <summary>
    /// Every string gets a hostile character (and dates an impossible year) or, for "long", 300,000 characters; every
    /// number an extreme value. (Unknown fields are ignored by typed bodies, so the hostile values go into known ones.)
    /// </summary>
    private static void Mutate(JsonNode node, string extreme, Random random)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var name in obj.Select(p => p.Key).ToList())
                {
                    // A field whose schema gave no example (no type) becomes a text: the hostile value most fields take.
                    if ((obj[name] ?? JsonValue.Create("Text")) is JsonValue value)
                    {
                        obj[name] = Extreme(value, extreme, random);
                    }
                    else if (obj[name] is { } child)
                    {
                        Mutate(child, extreme, random);
                    }
                }

                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonValue value)
                    {
                        array[i] = Extreme(value, extreme, random);
                    }
                    else if (array[i] is { } child)
                    {
                        Mutate(child, extreme, random);
                    }
                }

                break;
        }
    }

    private static JsonNode Extreme(JsonValue value, string extreme, Random random)
    {
        if (value.TryGetValue(out string? text))
        {
            var bad = Hostile[random.Next(Hostile.Length)];
            return text switch
            {
                "2026-05-04" => extreme == "min" ? "0001-01-01" : "9999-12-31" + bad,
                "2026-05-04T18:00:00+02:00" => extreme == "min" ? "0001-01-01T00:00:00+00:00" : "9999-12-31T23:59:59+00:00" + bad,
                // Only length: every text field has a limit far below this.
                _ when extreme == "long" => new string('x', 300_000),
                _ => extreme == "huge" ? new string('x', 5_000) + bad : text + bad,
            };
        }

        if (value.TryGetValue(out bool _))
        {
            return extreme == "min" ? "nein\0" : 2;
        }

        return extreme switch
        {
            "min" => JsonValue.Create(int.MinValue),
            "max" => JsonValue.Create(int.MaxValue),
            _ => JsonNode.Parse("9223372036854775808")!,
        };
    }

    /// <summary>A plausible value for an OpenAPI (3.1) schema; dates get a recognisable day so <see cref="Extreme"/> can spot them.</summary>
    private static JsonNode? Example(JsonNode? schema, int depth)
    {
        if (schema is null || depth > 6)
        {
            return null;
        }

        var types = schema["type"] switch
        {
            JsonArray many => many.Select(t => t?.GetValue<string>()).OfType<string>().ToList(),
            JsonValue one => [one.GetValue<string>()],
            _ => schema["properties"] is not null ? ["object"] : [],
        };
        var type = types.FirstOrDefault(t => t != "null");
        return type switch
        {
            "object" => new JsonObject(((schema["properties"] as JsonObject) ?? []).Select(p => KeyValuePair.Create(p.Key, Example(Resolve(Root(schema), p.Value), depth + 1)))),
            "array" => new JsonArray(Example(Resolve(Root(schema), schema["items"]), depth + 1)),
            "string" => schema["format"]?.GetValue<string>() switch
            {
                "date" => "2026-05-04",
                "date-time" => "2026-05-04T18:00:00+02:00",
                _ => "Text",
            },
            "integer" => 1,
            "number" => 1.5m,
            "boolean" => true,
            _ => null,
        };
    }

    private static JsonNode Root(JsonNode node) => node.Root;

    /// <summary>Follows a <c>$ref</c> to <c>#/components/schemas/…</c>.</summary>
    private static JsonNode? Resolve(JsonNode document, JsonNode? schema)
    {
        var seen = 0;
        while (schema?["$ref"] is JsonValue reference && seen++ < 10)
        {
            var path = reference.GetValue<string>().TrimStart('#').Split('/', StringSplitOptions.RemoveEmptyEntries);
            schema = path.Aggregate<string, JsonNode?>(document.Root, (node, part) => node?[part]);
        }

        return schema;
    }

    /// <summary>
    /// Every write endpoint the app maps, whether it reads a body (a JSON body parameter, a form, or it reads it itself)
    /// and whether that body may be left out (then "null" and an empty body mean "no body" and may succeed).
    /// </summary>
    private List<(string Method, string Pattern, bool ReadsBody, bool OptionalBody)> WriteEndpoints()
    {
        _ = factory.Server;
        return [.. factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? []).Where(m => WriteMethods.Contains(m))
                .Select(m => (Method: m, Pattern: Normalize(e.RoutePattern.RawText ?? ""), Accepts: e.Metadata.GetMetadata<IAcceptsMetadata>())))
            .Select(e => (e.Method, e.Pattern,
                e.Accepts is not null || ReadsBodyItself.Contains($"{e.Method} {e.Pattern}") || FormPages.Contains($"{e.Method} {e.Pattern}"),
                e.Accepts?.IsOptional ?? ReadsBodyItself.Contains($"{e.Method} {e.Pattern}")))
            .Distinct()
            .OrderBy(e => e.Pattern, StringComparer.Ordinal)];
    }

    /// <summary>Rows per table in the workflow database: instances, applications, outbox and everything else.</summary>
    private Dictionary<string, long> Counts()
    {
        using var connection = new SqliteConnection($"Data Source={factory.DatabaseFile};Mode=ReadOnly;Pooling=False");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'";
            using var reader = list.ExecuteReader();
            while (reader.Read())
            {
                tables.Add(reader.GetString(0));
            }
        }

        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var table in tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
            counts[table] = (long)count.ExecuteScalar()!;
        }

        return counts;
    }

    private static string Normalize(string pattern) => pattern.StartsWith('/') ? pattern : "/" + pattern;

    private static string OpenApiPath(string pattern)
    {
        var path = pattern.Length > 1 ? pattern.TrimEnd('/') : pattern;
        return Regex.Replace(path, "{([^}:]+):[^}]+}", "{$1}");
    }

    private static string Shorten(string text) => text.Length > 300 ? text[..300] + "…" : text;

    /// <summary>A namespace-qualified .NET type name as exception messages and the JSON reader print them.</summary>
    /// (Activity type names such as <c>Foerderworkflow.Funding.PayoutReview</c> are the API's step identifiers, not .NET types.)
    [GeneratedRegex(@"\b(System|Microsoft)\.[A-Z][A-Za-z]+|\bFoerderworkflow(\.[A-Z][A-Za-z]+){3,}")]
    private static partial Regex TypeName();
}
