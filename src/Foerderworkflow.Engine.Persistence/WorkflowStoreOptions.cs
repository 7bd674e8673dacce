using Microsoft.Extensions.Options;

namespace Foerderworkflow.Engine.Persistence;

/// <summary>Where and how the engine keeps its state. Checked by <see cref="Validate"/> when the store is registered.</summary>
public sealed class WorkflowStoreOptions
{
    /// <summary>The server's default: a SQLite file below the working directory.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=./data/foerderworkflow.db";

    public WorkflowStoreProvider Provider { get; set; } = WorkflowStoreProvider.Sqlite;

    public string ConnectionString { get; set; } = DefaultSqliteConnectionString;

    /// <summary>SQLite only: durability of a commit. Default <see cref="SqliteSynchronousMode.Full"/>.</summary>
    public SqliteSynchronousMode SqliteSynchronous { get; set; } = SqliteSynchronousMode.Full;

    /// <summary>SQLite only: how long a writer waits for another writer's transaction before giving up.</summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Reads a provider name as written in configuration (case-insensitive; <c>Postgres</c> and <c>PostgreSQL</c>
    /// both name <see cref="WorkflowStoreProvider.PostgreSql"/>).
    /// </summary>
    public static WorkflowStoreProvider ParseProvider(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        "SQLITE" => WorkflowStoreProvider.Sqlite,
        "POSTGRESQL" or "POSTGRES" or "NPGSQL" => WorkflowStoreProvider.PostgreSql,
        _ => throw new OptionsValidationException(
            nameof(WorkflowStoreOptions),
            typeof(WorkflowStoreOptions),
            [$"Unknown workflow store provider '{name}'. Use 'Sqlite' or 'PostgreSql'."]),
    };

    /// <summary>Every problem with these options; empty when they are usable.</summary>
    public IReadOnlyList<string> GetErrors()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Provider))
        {
            errors.Add($"Unknown workflow store provider '{Provider}'. Use 'Sqlite' or 'PostgreSql'.");
        }

        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add($"The workflow store needs a connection string (provider {Provider}).");
        }

        if (!Enum.IsDefined(SqliteSynchronous))
        {
            errors.Add($"Unknown SQLite synchronous mode '{SqliteSynchronous}'. Use Off, Normal, Full or Extra.");
        }

        if (SqliteBusyTimeout < TimeSpan.Zero || SqliteBusyTimeout.TotalMilliseconds > int.MaxValue)
        {
            errors.Add($"The SQLite busy timeout must be between 0 and {int.MaxValue} ms, not {SqliteBusyTimeout}.");
        }

        return errors;
    }

    /// <summary>Throws <see cref="OptionsValidationException"/> naming every problem.</summary>
    public void Validate()
    {
        var errors = GetErrors();
        if (errors.Count > 0)
        {
            throw new OptionsValidationException(nameof(WorkflowStoreOptions), typeof(WorkflowStoreOptions), errors);
        }
    }

    internal WorkflowStoreOptions Clone() => (WorkflowStoreOptions)MemberwiseClone();
}
