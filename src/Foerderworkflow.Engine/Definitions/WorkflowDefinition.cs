using System.Text.Json;
using System.Text.Json.Nodes;

namespace Foerderworkflow.Engine.Definitions;

/// <summary>
/// One version of a workflow definition, held as the Elsa 3 JSON document it arrived as.
/// The document is the source of truth so that fields we do not model (designer metadata,
/// custom properties, anything a future Studio adds) survive a load → save round trip unchanged.
/// </summary>
public sealed class WorkflowDefinition
{
    private const string PublishedAtKey = "publishedAt";

    private WorkflowDefinition(JsonObject document) => Document = document;

    public JsonObject Document { get; }

    public string Id => GetString("id") ?? throw new InvalidOperationException("The definition has no id.");
    public string DefinitionId => GetString("definitionId") ?? throw new InvalidOperationException("The definition has no definitionId.");
    public string Name => GetString("name") ?? DefinitionId;
    public string? Description => GetString("description");
    public int Version => Document["version"]?.GetValue<int>() ?? 1;
    public bool IsLatest => Document["isLatest"]?.GetValue<bool>() ?? false;
    public bool IsPublished => Document["isPublished"]?.GetValue<bool>() ?? false;
    public DateTimeOffset CreatedAt => ReadMoment("createdAt") ?? DateTimeOffset.MinValue;

    /// <summary>
    /// When this version was first published; set by the engine and kept after a retract. A version that has ever
    /// been published may have instances running on it, so its content never changes again.
    /// </summary>
    public DateTimeOffset? PublishedAt => ReadMoment(PublishedAtKey);
    public JsonObject Root => Document["root"] as JsonObject ?? throw new InvalidOperationException("The definition has no root activity.");

    /// <summary>Parses a definition; fills the identity fields a hand-written or Studio-created file may lack.</summary>
    public static WorkflowDefinition Parse(string json) =>
        FromDocument(JsonNode.Parse(json) as JsonObject ?? throw new JsonException("A workflow definition must be a JSON object."));

    public static WorkflowDefinition FromDocument(JsonObject document)
    {
        if (document["root"] is not JsonObject)
        {
            throw new JsonException("A workflow definition needs a 'root' activity.");
        }

        return new WorkflowDefinition(document);
    }

    /// <summary>
    /// A deep copy as a new or edited version with the version bookkeeping set (never published, so without
    /// <see cref="PublishedAt"/>); everything else stays as it was.
    /// </summary>
    public WorkflowDefinition WithVersion(string id, int version, bool isLatest, bool isPublished, DateTimeOffset createdAt)
    {
        var copy = (JsonObject)Document.DeepClone();
        copy.Remove(PublishedAtKey);
        copy["id"] = id;
        copy["version"] = version;
        copy["isLatest"] = isLatest;
        copy["isPublished"] = isPublished;
        copy["createdAt"] = createdAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return new WorkflowDefinition(copy);
    }

    public WorkflowDefinition WithFlags(bool isLatest, bool isPublished)
    {
        var copy = (JsonObject)Document.DeepClone();
        copy["isLatest"] = isLatest;
        copy["isPublished"] = isPublished;
        return new WorkflowDefinition(copy);
    }

    /// <summary>This version published and latest; the first publication is remembered in <see cref="PublishedAt"/>.</summary>
    public WorkflowDefinition AsPublished(DateTimeOffset at)
    {
        var copy = WithFlags(isLatest: true, isPublished: true);
        copy.Document[PublishedAtKey] ??= at.ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        return copy;
    }

    public string ToJson() => Document.ToJsonString();

    private string? GetString(string name) =>
        Document[name] is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private DateTimeOffset? ReadMoment(string name) =>
        GetString(name) is { } text && DateTimeOffset.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var at) ? at : null;
}
