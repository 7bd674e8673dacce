using System.Text.RegularExpressions;

namespace Foerderworkflow.Funding.Applications;

/// <summary>A bank's Business Identifier Code (ISO 9362): bank, country, location and optional branch, 8 or 11 characters.</summary>
public static partial class Bic
{
    /// <summary>The code without spaces in upper case, or null when it is not a BIC.</summary>
    public static string? Normalize(string? text)
    {
        var compact = string.Concat((text ?? "").Where(c => c != ' ')).ToUpperInvariant();
        return Shape().IsMatch(compact) ? compact : null;
    }

    [GeneratedRegex("^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
