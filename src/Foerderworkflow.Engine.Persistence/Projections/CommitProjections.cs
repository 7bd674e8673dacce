using Foerderworkflow.Engine.Persistence.Commits;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Engine.Persistence.Projections;

/// <summary>The registered projections of a store; appends their statements to a commit plan.</summary>
internal sealed class CommitProjections(IEnumerable<IBurstCommitProjection> projections, CommitProjectionContext context)
{
    /// <summary>Projection gates report after the engine's gates (0, 1): a lost race is retried, a refusal is final.</summary>
    private const int FirstCheckOrder = 100;

    private readonly IBurstCommitProjection[] projections = [.. projections];

    public void AppendTo(List<SqlStatement> statements, BurstCommit commit)
    {
        foreach (var projection in projections)
        {
            foreach (var statement in projection.Project(commit, context))
            {
                statements.Add(ToSql(statement, FirstCheckOrder + statements.Count));
            }
        }
    }

    public static SqlStatement ToSql(CommitStatement statement, int checkOrder)
    {
        var parameters = new SqlParameterValue[statement.Parameters.Count];
        for (var i = 0; i < parameters.Length; i++)
        {
            var parameter = statement.Parameters[i];
            parameters[i] = new(parameter.Name, parameter.Value ?? DBNull.Value);
        }

        return new(statement.Sql, parameters, statement.RejectWhenNoRows, checkOrder);
    }
}
