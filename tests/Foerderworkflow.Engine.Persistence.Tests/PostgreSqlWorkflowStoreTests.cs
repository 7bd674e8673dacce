using Foerderworkflow.Engine.Persistence.Tests.Infrastructure;
using Foerderworkflow.Engine.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Foerderworkflow.Engine.Persistence.Tests;

public sealed class PostgreSqlWorkflowStoreTests(PostgreSqlStoreFixture fixture) : WorkflowStoreContract(fixture), IClassFixture<PostgreSqlStoreFixture>
{
    [Fact]
    public async Task CanConnect_ServerUnreachable_ReturnsFalse()
    {
        var options = new WorkflowStoreOptions
        {
            Provider = WorkflowStoreProvider.PostgreSql,
            ConnectionString = "Host=127.0.0.1;Port=1;Username=postgres;Password=postgres;Timeout=2",
        };
        await using var services = new ServiceCollection().AddWorkflowStore(options).BuildServiceProvider();

        Assert.False(await services.GetRequiredService<IWorkflowStore>().CanConnectAsync());
    }
}
