using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;

namespace Foerderworkflow.Portal;

/// <summary>
/// The portal's stylesheet and script, embedded in the assembly and served under <c>/assets/</c> with a content hash in
/// the link (<see cref="Url"/>), so browsers may keep them for a year and still get a new version at once.
/// </summary>
internal sealed class PortalAssets
{
    public const string BasePath = "/assets";

    private readonly FrozenDictionary<string, (byte[] Content, string ContentType, string Hash)> assets;

    public PortalAssets()
    {
        var assembly = typeof(PortalAssets).Assembly;
        var found = new Dictionary<string, (byte[], string, string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith("Portal.", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var content = buffer.ToArray();
            var name = resource["Portal.".Length..];
            var type = Path.GetExtension(name) switch
            {
                ".css" => "text/css; charset=utf-8",
                ".js" => "text/javascript; charset=utf-8",
                ".svg" => "image/svg+xml",
                _ => "application/octet-stream",
            };
            found[name] = (content, type, Convert.ToHexStringLower(SHA256.HashData(content))[..12]);
        }

        assets = found.ToFrozenDictionary(StringComparer.Ordinal);
    }

    /// <summary>The link to an asset, versioned by its content.</summary>
    public string Url(string name) => $"{BasePath}/{name}?v={assets[name].Hash}";

    public IResult Serve(string name, HttpContext context)
    {
        if (!assets.TryGetValue(name, out var asset))
        {
            return Results.NotFound();
        }

        context.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        return Results.Bytes(asset.Content, asset.ContentType, entityTag: new Microsoft.Net.Http.Headers.EntityTagHeaderValue($"\"{asset.Hash}\""));
    }
}
