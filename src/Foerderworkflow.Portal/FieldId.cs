namespace Foerderworkflow.Portal;

/// <summary>
/// The HTML id of a form field from the name the server's checks use (<c>costPlan.lines[0].amount</c>), so an error of
/// the application desk lands at its field and the error summary links to it.
/// </summary>
public static class FieldId
{
    public static string Of(string field) =>
        "feld-" + new string([.. field.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-');

    /// <summary>
    /// Where the error summary links for an error the server names <paramref name="field"/>: the field itself, or for
    /// a figure the form has no input for (the requested amount, which the plan's sums give) the plan it belongs to.
    /// </summary>
    public static string Anchor(string field)
    {
        ArgumentNullException.ThrowIfNull(field);
        foreach (var composite in new[] { "costPlan", "costLines" })
        {
            if (field.StartsWith(composite, StringComparison.Ordinal) && !field.Contains(']', StringComparison.Ordinal)
                && !field.EndsWith(".ownFunds", StringComparison.Ordinal) && !field.EndsWith(".thirdPartyFunds", StringComparison.Ordinal))
            {
                return Of(composite);
            }
        }

        return field == "period" ? Of("period.start") : Of(field);
    }
}
