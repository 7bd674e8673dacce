using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Server.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Foerderworkflow.Server.Tests;

public sealed class WorkflowImportTests(ServerFactory factory) : IClassFixture<ServerFactory>
{
    [Theory]
    [InlineData("aktions-und-initiativfonds")]
    [InlineData("jugendfonds")]
    [InlineData("kleinprojekte")]
    public async Task StartUp_ImportsAndPublishesTheShippedWorkflows(string definitionId)
    {
        _ = factory.Server;
        var store = factory.Services.GetRequiredService<IWorkflowStore>();

        var published = await store.FindDefinitionAsync(definitionId, VersionSelector.Published);

        Assert.NotNull(published);
    }

    [Fact]
    public async Task Import_LeavesAnExistingNewerVersionAlone()
    {
        _ = factory.Server;
        var store = factory.Services.GetRequiredService<IWorkflowStore>();
        var definitions = factory.Services.GetRequiredService<WorkflowDefinitionService>();
        var current = await store.FindDefinitionAsync("jugendfonds", VersionSelector.Latest);
        Assert.NotNull(current);
        var edited = await definitions.SaveDraftAsync(current.Document.DeepClone().AsObject());

        var imported = await WorkflowImport.ImportAsync(Path.Combine(AppContext.BaseDirectory, "workflows"), store, definitions, NullLogger.Instance, CancellationToken.None);

        Assert.Empty(imported);
        Assert.Equal(edited.Version, (await store.FindDefinitionAsync("jugendfonds", VersionSelector.Latest))!.Version);
    }
}
