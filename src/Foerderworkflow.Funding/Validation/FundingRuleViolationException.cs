namespace Foerderworkflow.Funding.Validation;

/// <summary>An input or an action breaks one or more funding rules; nothing was changed.</summary>
public sealed class FundingRuleViolationException(IReadOnlyList<ValidationError> errors)
    : FundingException(errors.Count == 0 ? "Funding rule violated." : string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")), errors)
{
    public FundingRuleViolationException(string field, string message)
        : this([new ValidationError(field, message)])
    {
    }
}
