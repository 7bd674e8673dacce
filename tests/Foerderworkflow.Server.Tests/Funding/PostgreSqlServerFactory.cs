using Microsoft.AspNetCore.Hosting;
using Npgsql;

namespace Foerderworkflow.Server.Tests.Funding;

/// <summary>
/// The real server on a fresh PostgreSQL database (workflow store and Quartz's tables), created through the admin
/// connection in <c>FOERDERWORKFLOW_TEST_POSTGRES</c> and dropped afterwards. Without the variable the tests fail:
/// they never skip silently.
/// </summary>
public sealed class PostgreSqlServerFactory : ServerFactory
{
    public const string Variable = "FOERDERWORKFLOW_TEST_POSTGRES";

    private readonly string database = "fw_api_" + Guid.NewGuid().ToString("N");
    private bool created;

    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException($"PostgreSQL tests need the environment variable {Variable}; ops/test.sh sets it.");

    protected override void ConfigureStore(IWebHostBuilder builder, string folder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        using (var admin = new NpgsqlConnection(AdminConnectionString))
        {
            admin.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {database}", admin);
            create.ExecuteNonQuery();
            created = true;
        }

        builder.UseSetting("ConnectionStrings:Workflow", new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = database }.ConnectionString);
        builder.UseSetting("Workflow:Store", "PostgreSql");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && created)
        {
            NpgsqlConnection.ClearAllPools();
            using var admin = new NpgsqlConnection(AdminConnectionString);
            admin.Open();
            using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {database} WITH (FORCE)", admin);
            drop.ExecuteNonQuery();
        }
    }
}
