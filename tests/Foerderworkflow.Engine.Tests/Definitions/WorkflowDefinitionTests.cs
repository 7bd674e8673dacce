using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Definitions;

public sealed class WorkflowDefinitionTests : IDisposable
{
    private const string StudioDocument = "workflow-definition.json";
    private static readonly string[] VersionBookkeeping = ["id", "version", "isLatest", "isPublished", "createdAt"];
    private readonly EngineFixture engine = new();

    public void Dispose() => engine.Dispose();

    [Fact]
    public void Parse_StudioDocument_ToJsonIsTheSameDocument()
    {
        var original = JsonNode.Parse(Fixture.Read(StudioDocument));

        var definition = WorkflowDefinition.Parse(Fixture.Read(StudioDocument));

        Assert.True(JsonNode.DeepEquals(original, JsonNode.Parse(definition.ToJson())));
        Assert.Equal("c6deed7e9c4847e8af0647109781e1f3", definition.DefinitionId);
        Assert.Equal("Invoice approval", definition.Name);
    }

    [Fact]
    public async Task SaveDraftAsync_StudioDocument_ReadsBackUnchangedButForVersionBookkeeping()
    {
        var original = Fixture.ReadObject(StudioDocument);

        var saved = await engine.Definitions.SaveDraftAsync((JsonObject)original.DeepClone());
        var stored = await engine.Store.FindDefinitionVersionAsync(saved.Id);

        Assert.NotNull(stored);
        Assert.True(JsonNode.DeepEquals(WithoutBookkeeping(original), WithoutBookkeeping(stored.Document)));
        Assert.Equal("3.8.0.0", (string?)stored.Document["toolVersion"]);
        Assert.NotNull(stored.Document["root"]!["activities"]![0]!["metadata"]!["designer"]);
        Assert.NotNull(stored.Document["root"]!["connections"]![0]!["vertices"]);
    }

    [Fact]
    public void Parse_DocumentWithoutRoot_Throws() =>
        Assert.ThrowsAny<System.Text.Json.JsonException>(() => WorkflowDefinition.Parse("""{"definitionId":"x"}"""));

    private static JsonObject WithoutBookkeeping(JsonObject document)
    {
        var copy = (JsonObject)document.DeepClone();
        foreach (var key in VersionBookkeeping)
        {
            copy.Remove(key);
        }

        return copy;
    }
}
