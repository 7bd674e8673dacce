using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Projections;

/// <summary>
/// One parameterized SQL statement a projection adds to a commit. Keep the SQL portable (SQLite and PostgreSQL) or
/// branch on <see cref="CommitProjectionContext.Provider"/>. The same <see cref="Sql"/> text must always come with the
/// same parameter names in the same order: SQLite prepares each text once and sets the values by position.
/// </summary>
/// <param name="Sql">The statement; parameters are named <c>@name</c>.</param>
/// <param name="Parameters">Values of the parameters; <c>null</c> is written as SQL NULL.</param>
public sealed record CommitStatement(string Sql, IReadOnlyList<CommitParameter> Parameters)
{
    /// <summary>
    /// Makes the statement a gate: when it touches no row, the whole burst is rolled back and the commit throws this
    /// exception (the runtime passes it to the caller and does not retry it). Engine gates (bookmark, version) are
    /// reported first when several fail.
    /// </summary>
    public Func<CommitRejectedException>? RejectWhenNoRows { get; init; }
}

/// <summary>A named parameter of a <see cref="CommitStatement"/>, e.g. <c>new("@amount", 300_000L)</c>.</summary>
public readonly record struct CommitParameter(string Name, object? Value);
