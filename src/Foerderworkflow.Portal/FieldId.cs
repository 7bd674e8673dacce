namespace Foerderworkflow.Portal;

/// <summary>
/// The HTML id of a form field from the name the server's checks use (<c>costPlan.lines[0].amount</c>), so an error of
/// the application desk lands at its field and the error summary links to it.
/// </summary>
public static class FieldId
{
    public static string Of(string field) =>
        "feld-" + new string([.. field.Select(c => char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-')]).Trim('-');
}
