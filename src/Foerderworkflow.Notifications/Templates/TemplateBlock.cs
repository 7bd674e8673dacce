namespace Foerderworkflow.Notifications.Templates;

/// <summary>One block of an e-mail body; rendered as a paragraph (or list) in the plain text and in the HTML part.</summary>
internal sealed record TemplateBlock(BlockKind Kind, string Text, string? Field = null)
{
    public static TemplateBlock Paragraph(string text) => new(BlockKind.Paragraph, text);

    /// <summary>A paragraph about an optional field; left out when the field has no value.</summary>
    public static TemplateBlock Paragraph(string text, string optionalField) => new(BlockKind.Paragraph, text, optionalField);

    public static TemplateBlock List(string intro, string field) => new(BlockKind.List, intro, field);

    public static TemplateBlock AppealInformation() => new(BlockKind.AppealInformation, "Rechtsbehelfsbelehrung");
}
