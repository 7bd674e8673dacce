using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Persistence.Tests.Infrastructure;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Tests;

public abstract partial class WorkflowStoreContract
{
    [Fact]
    public async Task FindDefinitionVersion_SavedVersion_ReturnsItById()
    {
        var definition = WorkflowDefinition.FromDocument(Workflows.GoThenEnd(TestData.Unique("def")))
            .WithVersion(TestData.Unique("v"), 1, isLatest: true, isPublished: false, TestData.T0);

        await Store.SaveDefinitionVersionsAsync([definition]);

        var found = await Store.FindDefinitionVersionAsync(definition.Id);
        Assert.NotNull(found);
        Assert.Equal(definition.DefinitionId, found.DefinitionId);
        Assert.Equal(1, found.Version);
        Assert.True(found.IsLatest);
        Assert.False(found.IsPublished);
        Assert.Equal(TestData.T0, found.CreatedAt);
        Assert.Null(await Store.FindDefinitionVersionAsync("no-such-version"));
    }

    [Fact]
    public async Task FindDefinition_DraftAfterPublishedVersion_LatestIsDraftAndPublishedIsPrevious()
    {
        var definitionId = TestData.Unique("def");
        var published = await Fixture.Definitions.PublishAsync(Workflows.GoThenEnd(definitionId));
        var draft = await Fixture.Definitions.SaveDraftAsync(Workflows.GoThenTask(definitionId));

        var latest = await Store.FindDefinitionAsync(definitionId, VersionSelector.Latest);
        var current = await Store.FindDefinitionAsync(definitionId, VersionSelector.Published);

        Assert.Equal(draft.Id, latest?.Id);
        Assert.Equal(2, latest?.Version);
        Assert.Equal(published.Id, current?.Id);
        Assert.Equal(1, current?.Version);
        Assert.False(current?.IsLatest);
        Assert.Null(await Store.FindDefinitionAsync("no-such-definition", VersionSelector.Latest));
    }

    [Fact]
    public async Task PublishLatest_OverPublishedVersion_RetractsThePreviousOne()
    {
        var definitionId = TestData.Unique("def");
        var first = await Fixture.Definitions.PublishAsync(Workflows.GoThenEnd(definitionId));
        await Fixture.Definitions.SaveDraftAsync(Workflows.GoThenTask(definitionId));

        var second = await Fixture.Definitions.PublishLatestAsync(definitionId);

        var versions = await Store.ListDefinitionVersionsAsync(definitionId);
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        Assert.Equal([true, false], versions.Select(v => v.IsPublished));
        Assert.Equal([true, false], versions.Select(v => v.IsLatest));
        Assert.Equal(second.Id, (await Store.FindDefinitionAsync(definitionId, VersionSelector.Published))?.Id);
        Assert.NotEqual(first.Id, second.Id);
    }

    [Fact]
    public async Task ListDefinitionVersions_ThreeVersions_NewestFirst()
    {
        var definitionId = TestData.Unique("def");
        await Fixture.Definitions.PublishAsync(Workflows.GoThenEnd(definitionId));
        await Fixture.Definitions.PublishAsync(Workflows.GoThenTask(definitionId));
        await Fixture.Definitions.SaveDraftAsync(Workflows.GoThenEnd(definitionId));

        var versions = await Store.ListDefinitionVersionsAsync(definitionId);

        Assert.Equal([3, 2, 1], versions.Select(v => v.Version));
        Assert.Empty(await Store.ListDefinitionVersionsAsync("no-such-definition"));
    }

    [Fact]
    public async Task ListLatestDefinitions_SeveralDefinitions_ReturnsOneLatestVersionEach()
    {
        var a = TestData.Unique("def-a");
        var b = TestData.Unique("def-b");
        await Fixture.Definitions.PublishAsync(Workflows.GoThenEnd(a));
        await Fixture.Definitions.SaveDraftAsync(Workflows.GoThenTask(a));
        await Fixture.Definitions.PublishAsync(Workflows.GoThenEnd(b));

        var latest = await Store.ListLatestDefinitionsAsync();

        Assert.Equal(2, Assert.Single(latest, d => d.DefinitionId == a).Version);
        Assert.Equal(1, Assert.Single(latest, d => d.DefinitionId == b).Version);
        Assert.All(latest, d => Assert.True(d.IsLatest));
    }

    [Fact]
    public async Task SaveDefinitionVersions_VersionNumberTaken_ThrowsDefinitionVersionConflict()
    {
        var definitionId = TestData.Unique("def");
        var document = Workflows.GoThenEnd(definitionId);
        var first = WorkflowDefinition.FromDocument(document).WithVersion(TestData.Unique("v"), 1, isLatest: true, isPublished: false, TestData.T0);
        var rival = WorkflowDefinition.FromDocument(document).WithVersion(TestData.Unique("v"), 1, isLatest: true, isPublished: false, TestData.T0);
        await Store.SaveDefinitionVersionsAsync([first]);

        var conflict = await Assert.ThrowsAsync<DefinitionVersionConflictException>(() => Store.SaveDefinitionVersionsAsync([first.WithFlags(isLatest: false, isPublished: false), rival]));

        Assert.Equal(definitionId, conflict.DefinitionId);
        var versions = await Store.ListDefinitionVersionsAsync(definitionId);
        var stored = Assert.Single(versions);
        Assert.Equal(first.Id, stored.Id);
        Assert.True(stored.IsLatest); // the whole save was rolled back, including the flag change
    }

    [Fact]
    public async Task SaveDefinitionVersions_ElsaStudioDocument_ReadsBackJsonEqual()
    {
        var original = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "Fixtures", "workflow-definition.json")))!.AsObject();
        var definition = WorkflowDefinition.FromDocument((JsonObject)original.DeepClone());

        await Store.SaveDefinitionVersionsAsync([definition]);

        var byId = await Store.FindDefinitionVersionAsync(definition.Id);
        var latest = await Store.FindDefinitionAsync(definition.DefinitionId, VersionSelector.Latest);
        Assert.True(JsonNode.DeepEquals(original, byId?.Document), byId?.ToJson());
        Assert.True(JsonNode.DeepEquals(original, latest?.Document));
    }

    [Fact]
    public async Task DeleteDefinition_SeveralVersions_RemovesAll()
    {
        var definitionId = TestData.Unique("def");
        await Fixture.Definitions.PublishAsync(Workflows.GoThenEnd(definitionId));
        await Fixture.Definitions.SaveDraftAsync(Workflows.GoThenTask(definitionId));

        await Store.DeleteDefinitionAsync(definitionId);

        Assert.Empty(await Store.ListDefinitionVersionsAsync(definitionId));
        Assert.Null(await Store.FindDefinitionAsync(definitionId, VersionSelector.Latest));
    }
}
