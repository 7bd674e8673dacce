using Npgsql;

namespace Foerderworkflow.Testing;

/// <summary>
/// The PostgreSQL server of the tests, named by an admin connection in <c>FOERDERWORKFLOW_TEST_POSTGRES</c>
/// (<c>ops/test.sh</c> starts it and sets the variable). Every test that needs it fails without it, naming the
/// variable: these tests never skip silently.
/// </summary>
public static class TestPostgres
{
    public const string Variable = "FOERDERWORKFLOW_TEST_POSTGRES";

    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value
            ? value
            : throw new InvalidOperationException(
                $"PostgreSQL tests need the environment variable {Variable} (e.g. \"Host=127.0.0.1;Port=5432;Username=postgres;Password=postgres\"). " +
                "Run ops/test.sh, which starts PostgreSQL and sets it.");

    /// <summary>A fresh database named <paramref name="prefix"/> and a random suffix; dropped when the result is disposed.</summary>
    public static async Task<TestDatabase> CreateDatabaseAsync(string prefix, int? maxPoolSize = null)
    {
        var admin = AdminConnectionString;
        var name = prefix + Guid.NewGuid().ToString("N");
        await ExecuteAsync(admin, $"CREATE DATABASE {name}");
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        if (maxPoolSize is { } size)
        {
            builder.MaxPoolSize = size;
        }

        return new TestDatabase(name, builder.ConnectionString, admin);
    }

    internal static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}

/// <summary>A database of one test class (or run); disposing drops it, whoever is still connected.</summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string admin;

    internal TestDatabase(string name, string connectionString, string admin)
    {
        Name = name;
        ConnectionString = connectionString;
        this.admin = admin;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public async ValueTask DisposeAsync()
    {
        // Pooled connections to a dropped database would fail whoever takes them next.
        NpgsqlConnection.ClearAllPools();
        await TestPostgres.ExecuteAsync(admin, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }
}
