using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Foerderworkflow.Scheduling;

/// <summary>
/// The names of the jobs of one Quartz group in Quartz's tables, read page by page in ordinal order (keyset paging on the
/// name). Quartz's own API hands out every job key of a group at once, which with a million pending timers is far
/// too much to hold; this reads <c>qrtz_job_details</c> directly, a page at a time.
/// </summary>
internal sealed class StoredJobNames(QuartzTimerOptions options)
{
    public async IAsyncEnumerable<string> ReadAsync(string group, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        string? after = null;
        while (true)
        {
            var page = await PageAsync(group, after, pageSize, cancellationToken);
            foreach (var name in page)
            {
                yield return name;
            }

            if (page.Count < pageSize)
            {
                yield break;
            }

            after = page[^1];
        }
    }

    private async Task<List<string>> PageAsync(string group, string? after, int pageSize, CancellationToken cancellationToken)
    {
        var postgres = options.Provider == QuartzStoreProvider.PostgreSql;

        // The database's own order, so the primary key (sched_name, job_name, job_group) serves every page. Due-second
        // names (digits, 'T', 'Z') sort the same in every collation, chronologically, as the reconciler merges them.
        const string sql = """
            SELECT job_name FROM qrtz_job_details
            WHERE sched_name = @scheduler AND job_group = @group AND (@after IS NULL OR job_name > @after)
            ORDER BY job_name
            LIMIT @limit
            """;
        await using var connection = postgres ? (DbConnection)new NpgsqlConnection(options.ConnectionString) : new SqliteConnection(options.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Add(command, "@scheduler", options.SchedulerName);
        Add(command, "@group", group);
        Add(command, "@after", (object?)after ?? DBNull.Value);
        Add(command, "@limit", pageSize);
        var names = new List<string>(pageSize);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static void Add(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        if (value is DBNull or string)
        {
            parameter.DbType = System.Data.DbType.String;
        }

        command.Parameters.Add(parameter);
    }
}
