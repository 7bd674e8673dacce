using UglyToad.PdfPig;

namespace Foerderworkflow.Funding.Tests.Documents;

/// <summary>
/// The text of a PDF as PdfPig reads it back: every word of every page, separated by single spaces (line breaks too),
/// without the page footers, so a sentence running over a page break reads as one.
/// </summary>
internal static class PdfText
{
    /// <summary>The footer ("Seite n von m") sits below this height from the bottom of the page, the text above it.</summary>
    private const double FooterTop = 50;

    public static string Read(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return string.Join(' ', document.GetPages().SelectMany(p => p.GetWords()).Where(w => w.BoundingBox.Bottom > FooterTop).Select(w => w.Text));
    }
}
