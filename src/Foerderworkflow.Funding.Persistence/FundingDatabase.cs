using System.Data.Common;
using System.Globalization;
using Foerderworkflow.Engine.Persistence;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Foerderworkflow.Funding.Persistence;

/// <summary>
/// Connections to the workflow database for the funding tables' own reads and writes (outside bursts), and how each
/// provider stores a time: <c>timestamptz</c> on PostgreSQL, fixed-width UTC ISO-8601 text on SQLite (as the engine).
/// </summary>
internal sealed class FundingDatabase(WorkflowStoreOptions options)
{
    private const string SqliteTimePattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    private readonly string sqlitePragmas = string.Create(
        CultureInfo.InvariantCulture,
        $"PRAGMA busy_timeout = {(int)options.SqliteBusyTimeout.TotalMilliseconds}; PRAGMA synchronous = {options.SqliteSynchronous.ToString().ToUpperInvariant()};");

    public WorkflowStoreProvider Provider { get; } = options.Provider;

    public async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        DbConnection connection = Provider == WorkflowStoreProvider.PostgreSql
            ? new NpgsqlConnection(options.ConnectionString)
            : new SqliteConnection(options.ConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            if (connection is SqliteConnection)
            {
                // Another writer (the burst committer) may hold the file's write lock: wait for it instead of failing.
                await using var pragmas = connection.CreateCommand();
                pragmas.CommandText = sqlitePragmas;
                await pragmas.ExecuteNonQueryAsync(cancellationToken);
            }

            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>A write transaction that takes its lock at once (SQLite: BEGIN IMMEDIATE; no lock upgrade deadlock).</summary>
    public static async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        connection is SqliteConnection sqlite
            ? sqlite.BeginTransaction(deferred: false)
            : await connection.BeginTransactionAsync(System.Data.IsolationLevel.ReadCommitted, cancellationToken);

    public object Time(DateTimeOffset value) => Provider == WorkflowStoreProvider.PostgreSql
        ? value.ToUniversalTime()
        : value.UtcDateTime.ToString(SqliteTimePattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset ReadTime(DbDataReader reader, int ordinal) => reader.GetValue(ordinal) switch
    {
        string text => DateTimeOffset.ParseExact(text, SqliteTimePattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        DateTime time => new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc)),
        DateTimeOffset time => time.ToUniversalTime(),
        var other => throw new InvalidOperationException($"Unexpected time value {other.GetType()}."),
    };

    public static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // Fixed SQL of this assembly; every value is a parameter.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        return command;
    }

    public static long Cents(decimal euros) => (long)Math.Round(euros * 100m, MidpointRounding.AwayFromZero);

    public static decimal Euros(long cents) => cents / 100m;
}
