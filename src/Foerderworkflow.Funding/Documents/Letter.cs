using Foerderworkflow.Funding.Funds;

namespace Foerderworkflow.Funding.Documents;

/// <summary>
/// What a document says, in order, before it is laid out: letterhead, recipient, title, numbered references and the
/// blocks of text. Built by <see cref="DecisionLetters"/>, drawn by <see cref="LetterPdf"/>.
/// </summary>
internal sealed record Letter
{
    public required IssuingAuthority? Authority { get; init; }

    public required string Recipient { get; init; }

    public required string Title { get; init; }

    public required string FileNumber { get; init; }

    public required string DocumentNumber { get; init; }

    public required DateOnly IssuedOn { get; init; }

    /// <summary>The number of the document this one corrects and replaces, if any.</summary>
    public string? Replaces { get; init; }

    public required IReadOnlyList<LetterBlock> Blocks { get; init; }
}

/// <summary>One block of a <see cref="Letter"/>.</summary>
/// <param name="Kind">Heading, paragraph, bullet list or table.</param>
/// <param name="Text">The heading or paragraph; a list's or table's caption (may be empty).</param>
/// <param name="Rows">List items (one cell each) or table rows; the first table row is its header.</param>
internal sealed record LetterBlock(LetterBlockKind Kind, string Text, IReadOnlyList<IReadOnlyList<string>>? Rows = null)
{
    public static LetterBlock Heading(string text) => new(LetterBlockKind.Heading, text);

    public static LetterBlock Paragraph(string text) => new(LetterBlockKind.Paragraph, text);

    public static LetterBlock Bullets(IEnumerable<string> items) => new(LetterBlockKind.Bullets, string.Empty, [.. items.Select(i => (IReadOnlyList<string>)[i])]);

    /// <summary>A table whose last column holds amounts (right-aligned).</summary>
    public static LetterBlock Table(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows) => new(LetterBlockKind.Table, string.Empty, [header, .. rows]);
}

internal enum LetterBlockKind
{
    Heading = 1,
    Paragraph,
    Bullets,
    Table,
}
