using Foerderworkflow.Engine.Definitions;

namespace Foerderworkflow.Server.Studio;

/// <summary>Elsa's <c>versionOptions</c>: <c>Latest</c>, <c>Published</c>, <c>LatestOrPublished</c>, <c>LatestAndPublished</c>, <c>Draft</c>, <c>AllVersions</c> or a version number.</summary>
internal readonly record struct VersionOptions(string Kind, int? Version)
{
    public static readonly VersionOptions Latest = new("Latest", null);

    public static bool TryParse(string? text, out VersionOptions options)
    {
        options = Latest;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        if (int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var version))
        {
            options = new("Version", version);
            return version > 0;
        }

        var known = new[] { "Latest", "Published", "LatestOrPublished", "LatestAndPublished", "Draft", "AllVersions" };
        var kind = known.FirstOrDefault(k => string.Equals(k, text, StringComparison.OrdinalIgnoreCase));
        options = new(kind ?? string.Empty, null);
        return kind is not null;
    }

    /// <summary>Whether a version belongs to the selection (for lists).</summary>
    public bool Matches(WorkflowDefinition definition) => Kind switch
    {
        "Latest" => definition.IsLatest,
        "Published" => definition.IsPublished,
        "LatestOrPublished" or "LatestAndPublished" => definition.IsLatest || definition.IsPublished,
        "Draft" => !definition.IsPublished && definition.PublishedAt is null,
        "Version" => definition.Version == Version,
        _ => true,
    };

    /// <summary>The one version a load means, from all versions of a definition (newest first).</summary>
    public WorkflowDefinition? Pick(IReadOnlyList<WorkflowDefinition> versions)
    {
        var version = Version;
        var newest = versions.Count > 0 ? versions[0] : null;
        return Kind switch
        {
            "Published" => versions.FirstOrDefault(v => v.IsPublished),
            "LatestOrPublished" or "LatestAndPublished" or "AllVersions" or "Latest" => versions.FirstOrDefault(v => v.IsLatest) ?? newest,
            "Draft" => versions.FirstOrDefault(v => v.IsLatest && !v.IsPublished && v.PublishedAt is null),
            "Version" => versions.FirstOrDefault(v => v.Version == version),
            _ => null,
        };
    }
}
