using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Foerderworkflow.Engine.Persistence.Dialects;

/// <summary>Sets the per-connection pragmas (synchronous, busy_timeout) whenever EF opens a SQLite connection.</summary>
internal sealed class SqlitePragmaInterceptor(string pragmas) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void Apply(DbConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = pragmas;
        command.ExecuteNonQuery();
    }
}
