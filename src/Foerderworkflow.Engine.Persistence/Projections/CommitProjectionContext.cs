using Foerderworkflow.Engine.Persistence.Dialects;

namespace Foerderworkflow.Engine.Persistence.Projections;

/// <summary>What a projection needs to know about the database it writes to.</summary>
public sealed class CommitProjectionContext
{
    private readonly StoreDialect dialect;

    internal CommitProjectionContext(WorkflowStoreProvider provider, StoreDialect dialect)
    {
        Provider = provider;
        this.dialect = dialect;
    }

    public WorkflowStoreProvider Provider { get; }

    /// <summary>
    /// A time as the store writes it: <c>timestamptz</c> on PostgreSQL, fixed-width UTC ISO-8601 text on SQLite (text
    /// order is time order), so projected columns compare and sort like the engine's.
    /// </summary>
    public object Time(DateTimeOffset value) => dialect.TimeValue(value);

    /// <summary>As <see cref="Time(DateTimeOffset)"/>; <c>null</c> stays SQL NULL.</summary>
    public object Time(DateTimeOffset? value) => dialect.TimeValue(value);
}
