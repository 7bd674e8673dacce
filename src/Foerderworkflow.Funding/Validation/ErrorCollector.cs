namespace Foerderworkflow.Funding.Validation;

/// <summary>Collects broken rules while a validator walks its input.</summary>
internal sealed class ErrorCollector
{
    private readonly List<ValidationError> errors = [];

    public IReadOnlyList<ValidationError> Errors => errors;

    public bool HasErrors => errors.Count > 0;

    public void Add(string field, string message) => errors.Add(new ValidationError(field, message));

    public void AddRange(IEnumerable<ValidationError> more) => errors.AddRange(more);

    /// <summary>Checks a required text, its maximum length and its characters (<see cref="TextRules"/>); returns whether it is usable.</summary>
    public bool Text(string field, string? value, int maxLength, string label, bool required = true, bool multiLine = false)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                Add(field, $"{label} fehlt.");
            }

            return false;
        }

        if (value.Length > maxLength)
        {
            Add(field, $"{label} darf höchstens {maxLength} Zeichen lang sein (jetzt {value.Length}).");
            return false;
        }

        if (TextRules.Problem(value, multiLine) is { } characters)
        {
            Add(field, characters);
            return false;
        }

        return true;
    }

    public void ThrowIfAny()
    {
        if (HasErrors)
        {
            throw new FundingRuleViolationException([.. errors]);
        }
    }
}
