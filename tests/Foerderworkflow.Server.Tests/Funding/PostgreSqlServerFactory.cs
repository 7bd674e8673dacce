using Foerderworkflow.Testing;
using Microsoft.AspNetCore.Hosting;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// The real server on a fresh PostgreSQL database (workflow store and Quartz's tables), created through the admin
/// connection in <c>FOERDERWORKFLOW_TEST_POSTGRES</c> and dropped afterwards. Without the variable the tests fail:
/// they never skip silently.
/// </summary>
public sealed class PostgreSqlServerFactory : ServerFactory
{
    private TestDatabase? database;

    protected override void ConfigureStore(IWebHostBuilder builder, string folder)
    {
        ArgumentNullException.ThrowIfNull(builder);

        // The web host is configured synchronously; the database is made once, before the server starts.
        database = TestPostgres.CreateDatabaseAsync("fw_api_").GetAwaiter().GetResult();
        builder.UseSetting("ConnectionStrings:Workflow", database.ConnectionString);
        builder.UseSetting("Workflow:Store", "PostgreSql");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && database is not null)
        {
            database.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }
}
