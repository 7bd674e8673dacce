namespace Foerderworkflow.Engine.Flowcharts;

/// <summary>A problem that keeps a definition from running; <paramref name="Field"/> is a JSON path into the definition.</summary>
public sealed record DefinitionError(string Field, string Message);

public sealed class InvalidDefinitionException(IReadOnlyList<DefinitionError> errors)
    : Exception("The workflow definition is invalid: " + string.Join("; ", errors.Select(e => $"{e.Field}: {e.Message}")))
{
    public IReadOnlyList<DefinitionError> Errors { get; } = errors;
}
