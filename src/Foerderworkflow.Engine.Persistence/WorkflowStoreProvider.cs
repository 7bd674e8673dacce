namespace Foerderworkflow.Engine.Persistence;

/// <summary>The database behind the workflow store.</summary>
public enum WorkflowStoreProvider
{
    /// <summary>A local file; the embedded default for a single process.</summary>
    Sqlite,

    /// <summary>A shared server; several engine processes may use one database.</summary>
    PostgreSql,
}
