using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Runtime;

/// <summary>A stored wait: found by (name, hash of the identifying payload), consumed exactly once.</summary>
public sealed record Bookmark(
    string Id,
    string InstanceId,
    string ActivityId,
    string Name,
    string Hash,
    JsonObject Payload,
    DateTimeOffset CreatedAt)
{
    /// <summary>
    /// Hashes the identifying fields of a payload. Keys are sorted so that the same logical payload always hashes
    /// the same, whoever built the JSON.
    /// </summary>
    public static string ComputeHash(string name, JsonObject payload, IReadOnlyList<string>? keyFields = null)
    {
        var builder = new StringBuilder(name).Append('|');
        var keys = keyFields ?? [.. payload.Select(p => p.Key)];
        foreach (var key in keys.Order(StringComparer.Ordinal))
        {
            builder.Append(key).Append('=').Append(payload[key]?.ToJsonString() ?? "null").Append(';');
        }

        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(builder.ToString())));
    }
}
