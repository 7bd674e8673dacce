using System.Reflection;

namespace Foerderworkflow.Engine.Persistence.Schema;

/// <summary>
/// A component's own versioned schema scripts, applied by <see cref="SchemaMigrator"/> into the workflow database:
/// embedded resources <c>&lt;ResourceNamespace&gt;.Sqlite.NNNN_name.sql</c> and <c>….PostgreSql.NNNN_name.sql</c>,
/// with the applied versions listed in <paramref name="VersionsTable"/> (each set counts its versions on its own).
/// </summary>
public sealed record SchemaScriptSet
{
    public SchemaScriptSet(string versionsTable, Assembly assembly, string resourceNamespace)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        ArgumentException.ThrowIfNullOrWhiteSpace(resourceNamespace);

        // The name goes into SQL text: only a plain identifier is allowed.
        if (string.IsNullOrEmpty(versionsTable) || versionsTable.Length > 63 || !versionsTable.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_') || versionsTable[0] is >= '0' and <= '9')
        {
            throw new ArgumentException("The versions table needs a snake_case name (a–z, 0–9, _).", nameof(versionsTable));
        }

        VersionsTable = versionsTable;
        Assembly = assembly;
        ResourceNamespace = resourceNamespace;
    }

    /// <summary>The engine's own scripts (<c>schema_versions</c>).</summary>
    public static SchemaScriptSet Workflow { get; } = new("schema_versions", typeof(SchemaMigrator).Assembly, typeof(SchemaMigrator).Namespace!);

    public string VersionsTable { get; }

    public Assembly Assembly { get; }

    public string ResourceNamespace { get; }
}
