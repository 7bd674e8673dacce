using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Foerderworkflow.Engine.Persistence.Tests;

public sealed class WorkflowStoreOptionsTests
{
    [Fact]
    public void Defaults_AreTheEmbeddedSqliteFileWithFullSync()
    {
        var options = new WorkflowStoreOptions();

        Assert.Equal(WorkflowStoreProvider.Sqlite, options.Provider);
        Assert.Equal("Data Source=./data/foerderworkflow.db", options.ConnectionString);
        Assert.Equal(SqliteSynchronousMode.Full, options.SqliteSynchronous);
        Assert.Empty(options.GetErrors());
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void AddWorkflowStore_EmptyConnectionString_ThrowsNamingTheProblem(string connectionString)
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            new ServiceCollection().AddWorkflowStore(new WorkflowStoreOptions { Provider = WorkflowStoreProvider.PostgreSql, ConnectionString = connectionString }));

        Assert.Contains("connection string", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkflowStore_UndefinedProvider_ThrowsNamingTheProblem()
    {
        var failure = Assert.Throws<OptionsValidationException>(() =>
            new ServiceCollection().AddWorkflowStore(o => o.Provider = (WorkflowStoreProvider)42));

        Assert.Contains("Unknown workflow store provider '42'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkflowStore_NegativeBusyTimeout_Throws() =>
        Assert.Throws<OptionsValidationException>(() => new ServiceCollection().AddWorkflowStore(o => o.SqliteBusyTimeout = TimeSpan.FromSeconds(-1)));

    [Theory]
    [InlineData("Sqlite", WorkflowStoreProvider.Sqlite)]
    [InlineData("SQLite", WorkflowStoreProvider.Sqlite)]
    [InlineData("PostgreSQL", WorkflowStoreProvider.PostgreSql)]
    [InlineData("postgres", WorkflowStoreProvider.PostgreSql)]
    public void ParseProvider_KnownName_ReturnsProvider(string name, WorkflowStoreProvider expected) =>
        Assert.Equal(expected, WorkflowStoreOptions.ParseProvider(name));

    [Fact]
    public void ParseProvider_UnknownName_ThrowsListingTheChoices()
    {
        var failure = Assert.Throws<OptionsValidationException>(() => WorkflowStoreOptions.ParseProvider("MySql"));

        Assert.Contains("'MySql'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("'Sqlite' or 'PostgreSql'", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddWorkflowStore_ValidOptions_RegistersStoreAsSingleton()
    {
        using var services = new ServiceCollection().AddWorkflowStore(new WorkflowStoreOptions()).BuildServiceProvider();

        Assert.Same(services.GetRequiredService<IWorkflowStore>(), services.GetRequiredService<IWorkflowStore>());
    }
}
