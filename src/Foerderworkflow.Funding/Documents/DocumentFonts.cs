using System.Collections.Concurrent;
using PdfSharp.Fonts;

namespace Foerderworkflow.Funding.Documents;

/// <summary>
/// PDFsharp 6 finds no system fonts on Linux, so every family resolves to DejaVu Sans (regular or bold), embedded in
/// this assembly with its licence (<c>Documents/Fonts/LICENSE-DejaVu.txt</c>). Registered once per process, before the
/// first document is drawn.
/// </summary>
internal sealed class DocumentFonts : IFontResolver
{
    public const string Family = "DejaVu Sans";

    private const string Regular = "DejaVuSans";
    private const string Bold = "DejaVuSans-Bold";

    private static readonly Lock Gate = new();
    private static readonly ConcurrentDictionary<string, byte[]> Faces = new(StringComparer.Ordinal);

    /// <summary>Makes this the resolver of the process unless another one is set (PDFsharp has one global resolver).</summary>
    public static void EnsureRegistered()
    {
        lock (Gate)
        {
            if (GlobalFontSettings.FontResolver is null)
            {
                GlobalFontSettings.FontResolver = new DocumentFonts();
            }
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? Bold : Regular, mustSimulateBold: false, mustSimulateItalic: italic);

    public byte[]? GetFont(string faceName) => Faces.GetOrAdd(faceName, static face =>
    {
        using var stream = typeof(DocumentFonts).Assembly.GetManifestResourceStream($"Foerderworkflow.Funding.Documents.Fonts.{face}.ttf")
            ?? throw new InvalidOperationException($"The font '{face}' is not embedded in Foerderworkflow.Funding.");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    });
}
