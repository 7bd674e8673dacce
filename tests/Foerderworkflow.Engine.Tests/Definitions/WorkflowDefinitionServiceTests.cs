using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Tests.TestSupport;

namespace Foerderworkflow.Engine.Tests.Definitions;

public sealed class WorkflowDefinitionServiceTests : IDisposable
{
    private readonly EngineFixture engine = new();
    private readonly FlowchartBuilder first = new FlowchartBuilder("foerderantrag").Start().End().Chain("start", "end");
    private readonly FlowchartBuilder second = new FlowchartBuilder("foerderantrag").Start().SetVariable("mark", "Fassung", Expr.Literal("2")).End().Chain("start", "mark", "end");

    public void Dispose() => engine.Dispose();

    private WorkflowDefinitionService Definitions => engine.Definitions;

    [Fact]
    public async Task SaveDraftAsync_NewDefinition_CreatesVersion1Draft()
    {
        var draft = await Definitions.SaveDraftAsync(first.Build());

        AssertVersion(draft, 1, isLatest: true, isPublished: false);
        Assert.Equal(FakeClock.DefaultStart, draft.CreatedAt);
    }

    [Fact]
    public async Task SaveDraftAsync_OpenDraft_EditsTheSameVersion()
    {
        var draft = await Definitions.SaveDraftAsync(first.Build());

        var edited = await Definitions.SaveDraftAsync(second.Build());

        AssertVersion(edited, 1, isLatest: true, isPublished: false);
        Assert.Equal(draft.Id, edited.Id);
        Assert.Single(await Versions());
    }

    [Fact]
    public async Task PublishLatestAsync_Draft_PublishesVersion1AsLatest()
    {
        await Definitions.SaveDraftAsync(first.Build());

        var published = await Definitions.PublishLatestAsync(first.DefinitionId);

        AssertVersion(published, 1, isLatest: true, isPublished: true);
        Assert.Equal(published.Id, (await engine.Store.FindDefinitionAsync(first.DefinitionId, VersionSelector.Published))?.Id);
    }

    [Fact]
    public async Task SaveDraftAsync_AfterPublish_OpensVersion2AndKeepsVersion1Published()
    {
        await Definitions.PublishAsync(first.Build());

        var draft = await Definitions.SaveDraftAsync(second.Build());

        AssertVersion(draft, 2, isLatest: true, isPublished: false);
        var versions = await Versions();
        AssertVersion(versions[1], 1, isLatest: false, isPublished: true);
    }

    [Fact]
    public async Task PublishAsync_Version2_RetractsVersion1()
    {
        await Definitions.PublishAsync(first.Build());
        await Definitions.SaveDraftAsync(second.Build());

        var published = await Definitions.PublishAsync(second.Build());

        AssertVersion(published, 2, isLatest: true, isPublished: true);
        var versions = await Versions();
        Assert.Equal([2, 1], versions.Select(v => v.Version));
        AssertVersion(versions[1], 1, isLatest: false, isPublished: false);
    }

    [Fact]
    public async Task RevertAsync_Version1_CreatesVersion3DraftWithVersion1Content()
    {
        var v1 = await Definitions.PublishAsync(first.Build());
        await Definitions.PublishAsync(second.Build());

        var reverted = await Definitions.RevertAsync(first.DefinitionId, 1);

        AssertVersion(reverted, 3, isLatest: true, isPublished: false);
        Assert.True(JsonNode.DeepEquals(v1.Root, reverted.Root));
        var versions = await Versions();
        Assert.Equal([3, 2, 1], versions.Select(v => v.Version));
        AssertVersion(versions[1], 2, isLatest: false, isPublished: true);
    }

    [Fact]
    public async Task RevertAsync_UnknownVersion_Throws()
    {
        await Definitions.PublishAsync(first.Build());

        await Assert.ThrowsAsync<DefinitionNotFoundException>(() => Definitions.RevertAsync(first.DefinitionId, 7));
    }

    [Fact]
    public async Task RetractAsync_Published_LeavesNoPublishedVersion()
    {
        await Definitions.PublishAsync(first.Build());

        await Definitions.RetractAsync(first.DefinitionId);

        Assert.Null(await engine.Store.FindDefinitionAsync(first.DefinitionId, VersionSelector.Published));
        AssertVersion(Assert.Single(await Versions()), 1, isLatest: true, isPublished: false);
    }

    [Fact]
    public async Task SaveDraftAsync_AfterRetract_OpensVersion2AndLeavesTheRetractedVersionUnchanged()
    {
        var v1 = await Definitions.PublishAsync(first.Build());
        await Definitions.RetractAsync(first.DefinitionId);

        var draft = await Definitions.SaveDraftAsync(second.Build());

        AssertVersion(draft, 2, isLatest: true, isPublished: false);
        var retracted = (await Versions())[1];
        AssertVersion(retracted, 1, isLatest: false, isPublished: false);
        Assert.True(JsonNode.DeepEquals(v1.Root, retracted.Root));
    }

    [Fact]
    public async Task PublishAsync_Draft_RemembersTheFirstPublicationButNewDraftsDoNotInheritIt()
    {
        var v1 = await Definitions.PublishAsync(first.Build());
        engine.Clock.Advance(TimeSpan.FromDays(1));

        var v2 = await Definitions.SaveDraftAsync((JsonObject)v1.Document.DeepClone());

        Assert.Equal(FakeClock.DefaultStart, v1.PublishedAt);
        Assert.Null(v2.PublishedAt);
    }

    [Fact]
    public async Task PublishAsync_InvalidDefinition_ThrowsWithErrorsAndPublishesNothing()
    {
        var broken = new FlowchartBuilder("foerderantrag").Start().Activity("x", "Acme.Unknown").Chain("start", "x");

        var error = await Assert.ThrowsAsync<InvalidDefinitionException>(() => Definitions.PublishAsync(broken.Build()));

        Assert.Contains(error.Errors, e => e.Field == "root.activities[1].type");
        Assert.Null(await engine.Store.FindDefinitionAsync(broken.DefinitionId, VersionSelector.Published));
    }

    private Task<IReadOnlyList<WorkflowDefinition>> Versions() => engine.Store.ListDefinitionVersionsAsync(first.DefinitionId);

    private static void AssertVersion(WorkflowDefinition definition, int version, bool isLatest, bool isPublished)
    {
        Assert.Equal(version, definition.Version);
        Assert.Equal(isLatest, definition.IsLatest);
        Assert.Equal(isPublished, definition.IsPublished);
    }
}
