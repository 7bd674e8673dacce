using System.Text;
using Foerderworkflow.Funding.Applications;

namespace Foerderworkflow.Funding.Tests.Applications;

public sealed class AttachmentRulesTests
{
    private static readonly byte[] PdfBytes = Encoding.ASCII.GetBytes("%PDF-1.7\n%âãÏÓ\n1 0 obj");
    private static readonly byte[] PngBytes = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13];

    [Theory]
    [InlineData("application/pdf")]
    [InlineData("Application/PDF; charset=binary")]
    public void Pdf_WithMatchingBytes_IsAccepted(string contentType)
    {
        var (type, errors) = AttachmentRules.Validate(contentType, PdfBytes, PdfBytes.Length, existing: 0);

        Assert.Empty(errors);
        Assert.Equal(AttachmentRules.Pdf, type);
    }

    [Fact]
    public void OpenDocumentText_IsRecognisedByItsMimetypeEntry()
    {
        var odt = OpenDocument("application/vnd.oasis.opendocument.text");

        Assert.Empty(AttachmentRules.Validate(AttachmentRules.Odt.ContentType, odt, odt.Length, 0).Errors);
        var wrong = Assert.Single(AttachmentRules.Validate(AttachmentRules.Ods.ContentType, odt, odt.Length, 0).Errors);
        Assert.Equal("Der Inhalt der Datei ist kein ODS, wie angegeben.", wrong.Message);
    }

    [Fact]
    public void DeclaredPdf_WithOtherBytes_IsRefusedNamingTheFile()
    {
        var executable = Encoding.ASCII.GetBytes("MZ\x90\0\x03\0\0\0");

        var (type, errors) = AttachmentRules.Validate("application/pdf", executable, executable.Length, 0);

        Assert.Null(type);
        var error = Assert.Single(errors);
        Assert.Equal("file", error.Field);
        Assert.Equal("Der Inhalt der Datei ist kein PDF, wie angegeben.", error.Message);
    }

    [Theory]
    [InlineData("application/x-msdownload")]
    [InlineData("text/html")]
    [InlineData(null)]
    public void OtherTypes_AreRefused_ListingTheAllowedOnes(string? contentType)
    {
        var error = Assert.Single(AttachmentRules.Validate(contentType, PdfBytes, PdfBytes.Length, 0).Errors);

        Assert.Equal("file", error.Field);
        Assert.Contains("erlaubt sind PDF, JPEG, PNG, DOCX, XLSX, ODT, ODS", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void SizeAndCount_AreLimited()
    {
        var tooLarge = Assert.Single(AttachmentRules.Validate("image/png", PngBytes, AttachmentRules.MaxBytes + 1, 0).Errors);
        Assert.Equal("Die Datei ist 10,0 MB groß; erlaubt sind höchstens 10 MB.", tooLarge.Message);
        Assert.Empty(AttachmentRules.Validate("image/png", PngBytes, AttachmentRules.MaxBytes, 19).Errors);
        Assert.Equal("Ein Antrag kann höchstens 20 Anhänge haben.", Assert.Single(AttachmentRules.Validate("image/png", PngBytes, 100, 20).Errors).Message);
        Assert.Equal("Die Datei ist leer.", Assert.Single(AttachmentRules.Validate("image/png", [], 0, 0).Errors).Message);
    }

    [Theory]
    [InlineData("Kostenplan.pdf", "Kostenplan.pdf")]
    [InlineData(@"C:\Users\erika\Desktop\Angebot Raummiete.PDF", "Angebot Raummiete.pdf")]
    [InlineData("../../etc/passwd", "passwd.pdf")]
    [InlineData("Rechnung\r\nX-Injected: 1.pdf", "Rechnung X-Injected 1.pdf")]
    [InlineData("Über \"Zuschüsse\" <2026>?.pdf", "Über Zuschüsse 2026.pdf")]
    [InlineData("...", "Anhang.pdf")]
    [InlineData(null, "Anhang.pdf")]
    public void FileNames_AreSanitized(string? given, string expected) =>
        Assert.Equal(expected, AttachmentRules.SanitizeFileName(given, AttachmentRules.Pdf));

    [Fact]
    public void FileNames_AreShortened_KeepingTheExtension()
    {
        var name = AttachmentRules.SanitizeFileName(new string('a', 300) + ".docx", AttachmentRules.Docx);

        Assert.Equal(AttachmentRules.FileNameLength, name.Length);
        Assert.EndsWith(".docx", name, StringComparison.Ordinal);
        Assert.Equal("Foto.jpg", AttachmentRules.SanitizeFileName("Foto.jpeg", AttachmentRules.Jpeg));
    }

    /// <summary>The first bytes of an ODF package: a ZIP local header for the stored entry "mimetype", then its content.</summary>
    private static byte[] OpenDocument(string mimeType)
    {
        var bytes = new byte[30];
        bytes[0] = 0x50;
        bytes[1] = 0x4B;
        bytes[2] = 0x03;
        bytes[3] = 0x04;
        return [.. bytes, .. Encoding.ASCII.GetBytes("mimetype" + mimeType)];
    }
}
