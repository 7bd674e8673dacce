using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Commits;

/// <summary>
/// One parameterized SQL statement of a commit. The same <see cref="Sql"/> always has the same parameters in the
/// same order, so a prepared command can be reused by setting values by position. With <see cref="WhenNoRows"/> it
/// is a gate: touching no row rejects the whole commit.
/// </summary>
internal sealed record SqlStatement(string Sql, SqlParameterValue[] Parameters, Func<CommitRejectedException>? WhenNoRows = null);

internal readonly record struct SqlParameterValue(string Name, object Value);
