namespace Foerderworkflow.Funding.Validation;

/// <summary>The base of every exception the funding rules throw; it carries the broken rules, each naming its field.</summary>
public abstract class FundingException(string message, IReadOnlyList<ValidationError> errors) : Exception(message)
{
    public IReadOnlyList<ValidationError> Errors { get; } = errors;
}
