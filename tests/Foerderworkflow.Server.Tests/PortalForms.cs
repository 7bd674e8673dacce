using System.Text.RegularExpressions;

namespace Foerderworkflow.Server.Tests;

/// <summary>Reading the portal's forms as a browser would: the antiforgery token a page renders into its forms.</summary>
internal static partial class PortalForms
{
    public static string AntiforgeryToken(string html)
    {
        var match = TokenField().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return System.Net.WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    [GeneratedRegex("name=\"__fw_token\" type=\"hidden\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex TokenField();
}
