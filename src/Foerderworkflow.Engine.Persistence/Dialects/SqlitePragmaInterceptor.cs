using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Foerderworkflow.Engine.Persistence.Dialects;

/// <summary>
/// Sets the per-connection pragmas (synchronous, busy_timeout) when EF opens a SQLite connection. Pooled connections
/// keep their native handle and with it the pragmas, so each handle is configured once, not on every open.
/// </summary>
internal sealed class SqlitePragmaInterceptor(string pragmas) : DbConnectionInterceptor
{
    private static readonly object Configured = new();
    private readonly ConditionalWeakTable<object, object> handles = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (NeedsPragmas(connection, out var handle))
        {
            using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            command.ExecuteNonQuery();
            handles.AddOrUpdate(handle, Configured);
        }
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (NeedsPragmas(connection, out var handle))
        {
            await using var command = connection.CreateCommand();
            command.CommandText = pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken);
            handles.AddOrUpdate(handle, Configured);
        }
    }

    private bool NeedsPragmas(DbConnection connection, out object handle)
    {
        handle = ((SqliteConnection)connection).Handle ?? (object)connection;
        return !handles.TryGetValue(handle, out _);
    }
}
