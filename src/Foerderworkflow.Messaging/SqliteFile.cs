using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Foerderworkflow.Messaging;

/// <summary>
/// A small SQLite file of a host's own, durable (WAL, <c>synchronous=FULL</c>: a written row survives a power cut),
/// with its schema created on first use and versioned with <c>PRAGMA user_version</c>. Shared by the SQLite stores of
/// this project, each in a file of its own, so no two schemas share one version number.
/// </summary>
internal sealed class SqliteFile(string connectionString, int schemaVersion, string createSchema) : IDisposable
{
    private readonly SemaphoreSlim schemaLock = new(1, 1);
    private volatile bool schemaReady;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            if (!schemaReady)
            {
                await EnsureSchemaAsync(connection, cancellationToken);
            }
            else
            {
                await connection.OpenAsync(cancellationToken);
            }

            await using var pragma = connection.CreateCommand();
            pragma.CommandText = "PRAGMA synchronous = FULL; PRAGMA busy_timeout = 5000;";
            await pragma.ExecuteNonQueryAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public void Dispose() => schemaLock.Dispose();

    private async Task EnsureSchemaAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await schemaLock.WaitAsync(cancellationToken);
        try
        {
            var dataSource = new SqliteConnectionStringBuilder(connectionString).DataSource;
            var directory = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && !string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            await connection.OpenAsync(cancellationToken);
            if (schemaReady)
            {
                return;
            }

            await using var version = connection.CreateCommand();
            version.CommandText = "PRAGMA user_version";
            var current = Convert.ToInt32(await version.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture);
            if (current > schemaVersion)
            {
                throw new InvalidOperationException($"{dataSource} has schema version {current}; this process knows {schemaVersion}. Update it.");
            }

            if (current < schemaVersion)
            {
                await using var create = connection.CreateCommand();
                create.CommandText = "PRAGMA journal_mode = WAL;\n" + createSchema + $"\nPRAGMA user_version = {schemaVersion};";
                await create.ExecuteNonQueryAsync(cancellationToken);
            }

            schemaReady = true;
        }
        finally
        {
            schemaLock.Release();
        }
    }
}
