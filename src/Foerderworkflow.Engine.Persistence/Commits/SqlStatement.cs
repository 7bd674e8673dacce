using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Commits;

/// <summary>
/// One parameterized SQL statement of a commit. The same <see cref="Sql"/> always has the same parameters in the
/// same order, so a prepared command can be reused by setting values by position. With <see cref="WhenNoRows"/> it
/// is a gate: touching no row rejects the whole commit; when several gates fail, the lowest
/// <see cref="CheckOrder"/> names the reason.
/// </summary>
internal sealed record SqlStatement(string Sql, SqlParameterValue[] Parameters, Func<CommitRejectedException>? WhenNoRows = null, int CheckOrder = 0);

internal readonly record struct SqlParameterValue(string Name, object Value);
