using System.Globalization;
using PdfSharp;
using PdfSharp.Drawing;
using PdfSharp.Pdf;

namespace Foerderworkflow.Funding.Documents;

/// <summary>
/// Draws a <see cref="Letter"/> on A4 pages with PDFsharp: letterhead and references on the first page, text wrapped
/// at word boundaries, a new page where the text runs out of room, "Seite n von m" at the foot of every page. The fonts
/// are embedded (<see cref="DocumentFonts"/>), so the PDF reads the same everywhere.
/// </summary>
internal static class LetterPdf
{
    private const double Left = 70;
    private const double Right = 56;
    private const double Top = 56;
    private const double Bottom = 64;
    private const double Body = 10;

    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    public static byte[] Render(Letter letter, DateTimeOffset issuedAt)
    {
        ArgumentNullException.ThrowIfNull(letter);
        DocumentFonts.EnsureRegistered();
        using var document = new PdfDocument();
        document.Info.Title = $"{letter.Title} {letter.DocumentNumber}";
        document.Info.Subject = $"Aktenzeichen {letter.FileNumber}";
        document.Info.Author = letter.Authority?.Name ?? string.Empty;
        document.Info.Creator = "Förderworkflow";
        document.Info.CreationDate = issuedAt.UtcDateTime;
        document.Info.ModificationDate = issuedAt.UtcDateTime;
        using (var writer = new Writer(document))
        {
            writer.Letterhead(letter);
            foreach (var block in letter.Blocks)
            {
                writer.Block(block);
            }
        }

        Footers(document, letter);
        using var output = new MemoryStream();
        document.Save(output, closeStream: false);
        return output.ToArray();
    }

    private static void Footers(PdfDocument document, Letter letter)
    {
        var font = Font(8, bold: false);
        for (var i = 0; i < document.PageCount; i++)
        {
            var page = document.Pages[i];
            using var graphics = XGraphics.FromPdfPage(page, XGraphicsPdfPageOptions.Append);
            var text = $"{letter.Title} {letter.DocumentNumber} · Seite {i + 1} von {document.PageCount}";
            graphics.DrawString(text, font, XBrushes.DimGray, new XRect(Left, page.Height.Point - Bottom + 24, page.Width.Point - Left - Right, 12), XStringFormats.TopLeft);
        }
    }

    private static XFont Font(double size, bool bold) =>
        new(DocumentFonts.Family, size, bold ? XFontStyleEx.Bold : XFontStyleEx.Regular, new XPdfFontOptions(PdfFontEncoding.Unicode));

    /// <summary>Keeps the current page and the line position; opens a new page when the next line would not fit.</summary>
    private sealed class Writer(PdfDocument document) : IDisposable
    {
        private readonly XFont regular = Font(Body, bold: false);
        private readonly XFont bold = Font(Body, bold: true);
        private PdfPage? page;
        private XGraphics? graphics;
        private double y;

        private double Width => page!.Width.Point - Left - Right;

        public void Letterhead(Letter letter)
        {
            NewPage();
            var authority = letter.Authority;
            if (authority is not null)
            {
                Lines(authority.Name, bold, 11);
                Lines($"{authority.Street} · {authority.PostalCodeAndCity}", regular);
            }

            y += 24;
            var references = new List<(string Label, string Value)>
            {
                ("Aktenzeichen", letter.FileNumber),
                ("Bescheid-Nr.", letter.DocumentNumber),
                ("Datum", letter.IssuedOn.ToString("dd.MM.yyyy", German)),
            };
            if (letter.Replaces is { } replaced)
            {
                references.Add(("Ersetzt", replaced));
            }

            var top = y;
            Lines(letter.Recipient, regular);
            var recipientEnd = y;
            y = top;
            foreach (var (label, value) in references)
            {
                var size = graphics!.MeasureString(value, regular);
                graphics.DrawString($"{label}:", regular, XBrushes.Black, new XRect(Left + Width - 230, y, 90, Body * 1.4), XStringFormats.TopLeft);
                graphics.DrawString(value, regular, XBrushes.Black, new XRect(Left + Width - size.Width, y, size.Width, Body * 1.4), XStringFormats.TopLeft);
                y += Body * 1.45;
            }

            y = Math.Max(y, recipientEnd) + 28;
            Lines(letter.Title, bold, 14);
            if (letter.Replaces is { } replaces)
            {
                Lines($"Dieser Bescheid ersetzt den Bescheid {replaces}.", regular);
            }

            y += 8;
        }

        public void Block(LetterBlock block)
        {
            switch (block.Kind)
            {
                case LetterBlockKind.Heading:
                    y += 6;
                    EnsureRoom(Body * 4);
                    Lines(block.Text, bold);
                    y += 2;
                    break;
                case LetterBlockKind.Paragraph:
                    foreach (var paragraph in block.Text.Split('\n'))
                    {
                        Lines(paragraph, regular);
                        y += Body * 0.6;
                    }

                    break;
                case LetterBlockKind.Bullets:
                    foreach (var item in block.Rows ?? [])
                    {
                        Lines(item[0], regular, Body, indent: 14, bullet: true);
                    }

                    y += Body * 0.6;
                    break;
                case LetterBlockKind.Table:
                    Table(block.Rows ?? []);
                    break;
            }
        }

        public void Dispose() => graphics?.Dispose();

        private void Table(IReadOnlyList<IReadOnlyList<string>> rows)
        {
            if (rows.Count == 0)
            {
                return;
            }

            var columns = rows[0].Count;

            // The last column holds amounts; the text columns share the rest.
            const double amountWidth = 95;
            var textWidth = (Width - amountWidth) / Math.Max(1, columns - 1);
            for (var r = 0; r < rows.Count; r++)
            {
                var font = r == 0 ? bold : regular;
                EnsureRoom(Body * 1.6);
                for (var c = 0; c < columns; c++)
                {
                    var text = c < rows[r].Count ? rows[r][c] : string.Empty;
                    if (c == columns - 1)
                    {
                        var size = graphics!.MeasureString(text, font);
                        graphics.DrawString(text, font, XBrushes.Black, new XRect(Left + Width - size.Width, y, size.Width, Body * 1.4), XStringFormats.TopLeft);
                    }
                    else
                    {
                        graphics!.DrawString(Fit(text, font, textWidth - 6), font, XBrushes.Black, new XRect(Left + (c * textWidth), y, textWidth, Body * 1.4), XStringFormats.TopLeft);
                    }
                }

                y += Body * 1.5;
                if (r == 0)
                {
                    graphics!.DrawLine(XPens.Gray, Left, y - 2, Left + Width, y - 2);
                }
            }

            y += Body * 0.6;
        }

        /// <summary>A cell's text shortened with "…" to its column (cost lines are at most 200 characters).</summary>
        private string Fit(string text, XFont font, double width)
        {
            if (graphics!.MeasureString(text, font).Width <= width)
            {
                return text;
            }

            var cut = text;
            while (cut.Length > 1 && graphics.MeasureString(cut + "…", font).Width > width)
            {
                cut = cut[..^1];
            }

            return cut + "…";
        }

        private void Lines(string text, XFont font, double size = Body, double indent = 0, bool bullet = false)
        {
            var sized = Math.Abs(size - font.Size) < 0.01 ? font : Font(size, font.Bold);
            var lineHeight = size * 1.45;
            var available = Width - indent;
            var line = string.Empty;
            var first = true;
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : $"{line} {word}";
                if (line.Length > 0 && graphics!.MeasureString(candidate, sized).Width > available)
                {
                    Draw(line, sized, lineHeight, indent, bullet && first);
                    first = false;
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }

            Draw(line, sized, lineHeight, indent, bullet && first);
        }

        private void Draw(string line, XFont font, double lineHeight, double indent, bool bullet)
        {
            EnsureRoom(lineHeight);
            if (bullet)
            {
                graphics!.DrawString("•", font, XBrushes.Black, new XRect(Left + indent - 10, y, 10, lineHeight), XStringFormats.TopLeft);
            }

            graphics!.DrawString(line, font, XBrushes.Black, new XRect(Left + indent, y, Width - indent, lineHeight), XStringFormats.TopLeft);
            y += lineHeight;
        }

        private void EnsureRoom(double height)
        {
            if (page is null || y + height > page.Height.Point - Bottom)
            {
                NewPage();
            }
        }

        private void NewPage()
        {
            graphics?.Dispose();
            page = document.AddPage();
            page.Size = PageSize.A4;
            graphics = XGraphics.FromPdfPage(page);
            y = Top;
        }
    }
}
