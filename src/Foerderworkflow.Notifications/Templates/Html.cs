using System.Text;

namespace Foerderworkflow.Notifications.Templates;

/// <summary>
/// Escapes the five HTML-significant characters and nothing else. (<c>WebUtility.HtmlEncode</c> also turns every
/// umlaut into a numeric entity; the part is UTF-8, so <c>ä</c> stays <c>ä</c>.)
/// </summary>
internal static class Html
{
    public static string Encode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny("&<>\"'") < 0)
        {
            return text;
        }

        var builder = new StringBuilder(text.Length + 16);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '&' => "&amp;",
                '<' => "&lt;",
                '>' => "&gt;",
                '"' => "&quot;",
                '\'' => "&#39;",
                _ => null,
            } ?? c.ToString());
        }

        return builder.ToString();
    }
}
