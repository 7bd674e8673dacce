using System.Globalization;
using System.Text;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Applications;

/// <summary>A file type applicants may attach: its content type, the file-name extension and how its first bytes look.</summary>
public sealed record AttachmentType(string ContentType, string Extension, string Label);

/// <summary>
/// What an applicant may attach to an application (budget plans, quotes, flyers, the proof of use's receipts): PDF,
/// JPEG, PNG and the office formats DOCX, XLSX, ODT, ODS; at most 10 MB each and 20 per application. The declared
/// content type must match the file's first bytes, so a renamed executable is refused. File names are reduced to a
/// safe name of their own (no paths, no control or reserved characters), because they end up in download headers and
/// in the office's file system.
/// </summary>
public static class AttachmentRules
{
    /// <summary>The API's name of the uploaded file (the multipart form field).</summary>
    public const string FileField = "file";

    public const long MaxBytes = 10L * 1024 * 1024;

    public const int MaxPerApplication = 20;

    public const int FileNameLength = 120;

    /// <summary>How many leading bytes <see cref="Validate"/> needs to recognise every type.</summary>
    public const int HeaderLength = 80;

    public static readonly AttachmentType Pdf = new("application/pdf", ".pdf", "PDF");
    public static readonly AttachmentType Jpeg = new("image/jpeg", ".jpg", "JPEG");
    public static readonly AttachmentType Png = new("image/png", ".png", "PNG");
    public static readonly AttachmentType Docx = new("application/vnd.openxmlformats-officedocument.wordprocessingml.document", ".docx", "DOCX");
    public static readonly AttachmentType Xlsx = new("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", ".xlsx", "XLSX");
    public static readonly AttachmentType Odt = new("application/vnd.oasis.opendocument.text", ".odt", "ODT");
    public static readonly AttachmentType Ods = new("application/vnd.oasis.opendocument.spreadsheet", ".ods", "ODS");

    public static IReadOnlyList<AttachmentType> AllowedTypes { get; } = [Pdf, Jpeg, Png, Docx, Xlsx, Odt, Ods];

    private static readonly string AllowedLabels = string.Join(", ", AllowedTypes.Select(t => t.Label));

    private static ReadOnlySpan<byte> PdfMagic => "%PDF-"u8;
    private static ReadOnlySpan<byte> JpegMagic => [0xFF, 0xD8, 0xFF];
    private static ReadOnlySpan<byte> PngMagic => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];
    private static ReadOnlySpan<byte> ZipMagic => [0x50, 0x4B, 0x03, 0x04];

    /// <summary>
    /// Checks an upload: <paramref name="header"/> are its first bytes (at least <see cref="HeaderLength"/> when the file
    /// is that long), <paramref name="size"/> its length, <paramref name="existing"/> how many the application already has.
    /// Returns the recognised type, or the errors (German, field <see cref="FileField"/>).
    /// </summary>
    public static (AttachmentType? Type, IReadOnlyList<ValidationError> Errors) Validate(string? contentType, ReadOnlySpan<byte> header, long size, int existing)
    {
        var errors = new List<ValidationError>();
        if (existing >= MaxPerApplication)
        {
            errors.Add(new(FileField, $"Ein Antrag kann höchstens {MaxPerApplication} Anhänge haben."));
        }

        if (size <= 0)
        {
            errors.Add(new(FileField, "Die Datei ist leer."));
        }
        else if (size > MaxBytes)
        {
            errors.Add(new(FileField, string.Create(CultureInfo.GetCultureInfo("de-DE"), $"Die Datei ist {size / 1024d / 1024d:0.0} MB groß; erlaubt sind höchstens {MaxBytes / 1024 / 1024} MB.")));
        }

        var declared = Normalize(contentType);
        var type = AllowedTypes.FirstOrDefault(t => t.ContentType == declared);
        if (type is null)
        {
            errors.Add(new(FileField, $"Dateityp „{contentType}“ ist nicht erlaubt; erlaubt sind {AllowedLabels}."));
        }
        else if (size is > 0 and <= MaxBytes && !Matches(type, header))
        {
            errors.Add(new(FileField, $"Der Inhalt der Datei ist kein {type.Label}, wie angegeben."));
        }

        return (errors.Count == 0 ? type : null, errors);
    }

    /// <summary>
    /// A safe file name: the last path segment without control and reserved characters, whitespace collapsed, at most
    /// <see cref="FileNameLength"/> characters, ending in the type's extension; "Anhang" when nothing is left.
    /// </summary>
    public static string SanitizeFileName(string? fileName, AttachmentType type)
    {
        ArgumentNullException.ThrowIfNull(type);
        var name = fileName ?? string.Empty;
        name = name[(name.LastIndexOfAny(['/', '\\']) + 1)..];
        var clean = new StringBuilder(name.Length);
        foreach (var c in name.Normalize(NormalizationForm.FormC))
        {
            if (char.IsWhiteSpace(c))
            {
                clean.Append(' ');
            }
            else if (!char.IsControl(c) && !"<>:\"|?*;%".Contains(c, StringComparison.Ordinal) && char.GetUnicodeCategory(c) != UnicodeCategory.Format)
            {
                clean.Append(c);
            }
        }

        var stem = string.Join(' ', clean.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries)).Trim('.', ' ');
        if (stem.EndsWith(type.Extension, StringComparison.OrdinalIgnoreCase)
            || (type == Jpeg && stem.EndsWith(".jpeg", StringComparison.OrdinalIgnoreCase)))
        {
            stem = stem[..stem.LastIndexOf('.')].TrimEnd('.', ' ');
        }

        if (stem.Length == 0)
        {
            stem = "Anhang";
        }

        var room = FileNameLength - type.Extension.Length;
        return (stem.Length > room ? stem[..room].TrimEnd('.', ' ') : stem) + type.Extension;
    }

    private static string Normalize(string? contentType)
    {
        // "application/pdf; charset=binary" and upper case are the same type.
        var value = (contentType ?? string.Empty).Split(';', 2)[0].Trim().ToLowerInvariant();
        return value == "image/jpg" || value == "image/pjpeg" ? Jpeg.ContentType : value;
    }

    private static bool Matches(AttachmentType type, ReadOnlySpan<byte> header)
    {
        if (type == Pdf)
        {
            return header.StartsWith(PdfMagic);
        }

        if (type == Jpeg)
        {
            return header.StartsWith(JpegMagic);
        }

        if (type == Png)
        {
            return header.StartsWith(PngMagic);
        }

        if (!header.StartsWith(ZipMagic))
        {
            return false;
        }

        // OpenDocument files begin with an uncompressed entry "mimetype" holding their type (ODF 1.2 part 3, 3.3).
        if (type == Odt || type == Ods)
        {
            var expected = Encoding.ASCII.GetBytes("mimetype" + type.ContentType);
            return header.Length >= 30 + expected.Length && header.Slice(30, expected.Length).SequenceEqual(expected);
        }

        // DOCX and XLSX are ZIP containers whose first entries vary by producer; the ZIP signature is what is cheap to check.
        return true;
    }
}
