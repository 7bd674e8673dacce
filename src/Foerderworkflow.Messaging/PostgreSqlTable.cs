using Npgsql;

namespace Foerderworkflow.Messaging;

/// <summary>
/// A PostgreSQL store's table and its connections: the table is created once per process, on the first command, with
/// idempotent DDL (<c>CREATE … IF NOT EXISTS</c>). A later change of shape would come as a new table name, so old and
/// new versions never disagree on it.
/// </summary>
internal sealed class PostgreSqlTable(string connectionString, string createSql) : IDisposable
{
    private readonly NpgsqlDataSource dataSource = NpgsqlDataSource.Create(connectionString);
    private readonly SemaphoreSlim schemaLock = new(1, 1);
    private volatile bool ready;

    /// <summary>A command on a pooled connection, the table created first if this process has not yet.</summary>
    public async Task<NpgsqlCommand> CommandAsync(string sql, CancellationToken cancellationToken)
    {
        if (!ready)
        {
            await schemaLock.WaitAsync(cancellationToken);
            try
            {
                if (!ready)
                {
                    await using var create = dataSource.CreateCommand(createSql);
                    await create.ExecuteNonQueryAsync(cancellationToken);
                    ready = true;
                }
            }
            finally
            {
                schemaLock.Release();
            }
        }

        return dataSource.CreateCommand(sql);
    }

    public void Dispose()
    {
        dataSource.Dispose();
        schemaLock.Dispose();
    }
}
