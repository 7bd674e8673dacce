using System.Data.Common;
using System.Globalization;
using Foerderworkflow.Engine.Persistence.Dialects;
using Foerderworkflow.Engine.Persistence.Model;
using Microsoft.EntityFrameworkCore;

namespace Foerderworkflow.Engine.Persistence.Schema;

/// <summary>
/// Brings the database to the newest schema from the embedded scripts <c>Schema/&lt;provider&gt;/NNNN_name.sql</c>
/// (or another component's <see cref="SchemaScriptSet"/>, listed in its own versions table).
/// Every script runs in its own transaction together with its row in <c>schema_versions</c>, so a version is either
/// applied completely or not at all, and running again applies nothing. On PostgreSQL a session advisory lock keeps
/// two servers that start together from racing; on SQLite the write lock of each script's transaction does.
/// </summary>
public sealed class SchemaMigrator
{
    private readonly IDbContextFactory<WorkflowDbContext> contexts;
    private readonly StoreDialect dialect;
    private readonly SchemaScriptSet scripts;

    internal SchemaMigrator(IDbContextFactory<WorkflowDbContext> contexts, StoreDialect dialect, SchemaScriptSet? scripts = null)
    {
        this.contexts = contexts;
        this.dialect = dialect;
        this.scripts = scripts ?? SchemaScriptSet.Workflow;
    }

    /// <summary>The scripts shipped for this provider, in version order.</summary>
    public IReadOnlyList<SchemaScript> Scripts => LoadScripts(scripts, dialect.SchemaFolder);

    /// <summary>Applies every missing version; returns the versions applied by this call (empty when up to date).</summary>
    public async Task<IReadOnlyList<int>> MigrateAsync(CancellationToken cancellationToken = default)
    {
        dialect.PrepareStorage();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await context.Database.OpenConnectionAsync(cancellationToken);
        var connection = context.Database.GetDbConnection();
        var applied = new List<int>();
        await using (await dialect.LockSchemaAsync(connection, cancellationToken))
        {
            await ExecuteAsync(connection, null, dialect.CreateVersionsTableSql(scripts.VersionsTable), cancellationToken);
            foreach (var script in Scripts)
            {
                await using var transaction = await dialect.BeginWriteAsync(connection, cancellationToken);

                // Checked inside the transaction: another migrator may have applied it while this one waited.
                if (await IsAppliedAsync(connection, transaction, scripts.VersionsTable, script.Version, cancellationToken))
                {
                    continue;
                }

                await ExecuteAsync(connection, transaction, script.Sql, cancellationToken);
                await ExecuteAsync(connection, transaction, $"INSERT INTO {scripts.VersionsTable} (version, name) VALUES (@version, @name)", cancellationToken, ("@version", script.Version), ("@name", script.Name));
                await transaction.CommitAsync(cancellationToken);
                applied.Add(script.Version);
            }
        }

        return applied;
    }

    /// <summary>The versions recorded in <c>schema_versions</c>, ascending; empty for a database never migrated.</summary>
    public async Task<IReadOnlyList<int>> GetAppliedVersionsAsync(CancellationToken cancellationToken = default)
    {
        dialect.PrepareStorage();
        await using var context = await contexts.CreateDbContextAsync(cancellationToken);
        await context.Database.OpenConnectionAsync(cancellationToken);
        var connection = context.Database.GetDbConnection();
        await using (var exists = connection.CreateCommand())
        {
            exists.CommandText = dialect.VersionsTableExistsSql(scripts.VersionsTable);
            if (Convert.ToInt64(await exists.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) == 0)
            {
                return [];
            }
        }

        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT version FROM {scripts.VersionsTable} ORDER BY version";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var versions = new List<int>();
        while (await reader.ReadAsync(cancellationToken))
        {
            versions.Add(Convert.ToInt32(reader.GetValue(0), CultureInfo.InvariantCulture));
        }

        return versions;
    }

    internal static IReadOnlyList<SchemaScript> LoadScripts(SchemaScriptSet set, string folder)
    {
        var assembly = set.Assembly;
        var prefix = $"{set.ResourceNamespace}.{folder}.";
        var scripts = new List<SchemaScript>();
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal)))
        {
            var fileName = resource[prefix.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName[..separator], NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new InvalidOperationException($"Schema script '{resource}' must be named NNNN_description.sql.");
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var reader = new StreamReader(stream);
            scripts.Add(new SchemaScript(version, fileName[(separator + 1)..], reader.ReadToEnd()));
        }

        var duplicates = scripts.GroupBy(s => s.Version).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        if (duplicates.Count > 0)
        {
            throw new InvalidOperationException($"Schema versions {string.Join(", ", duplicates)} exist twice in {folder}.");
        }

        return [.. scripts.OrderBy(s => s.Version)];
    }

    private static async Task<bool> IsAppliedAsync(DbConnection connection, DbTransaction transaction, string table, int version, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The table name is checked by SchemaScriptSet (lower-case letters, digits, underscores).
        command.CommandText = $"SELECT COUNT(*) FROM {table} WHERE version = @version";
#pragma warning restore CA2100
        AddParameter(command, "@version", version);
        return Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture) > 0;
    }

    private static async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
#pragma warning disable CA2100 // The scripts are embedded resources of this assembly, not input.
        command.CommandText = sql;
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            AddParameter(command, name, value);
        }

        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void AddParameter(DbCommand command, string name, object value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }
}
