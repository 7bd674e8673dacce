using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Foerderworkflow.Funding.FileNumbers;

/// <summary>
/// The file number (Aktenzeichen) of an application: fund prefix, budget year and a sequence per fund and year,
/// e.g. <c>AIF-2026-0042</c>. Formatting and parsing only; allocating the next sequence is the store's concern.
/// </summary>
public readonly record struct FileNumber
{
    public FileNumber(string prefix, int year, int sequence)
    {
        if (!IsValidPrefix(prefix))
        {
            throw new ArgumentException("A file number prefix has 2 to 6 upper-case letters A–Z.", nameof(prefix));
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(year, 2000);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, 9999);
        ArgumentOutOfRangeException.ThrowIfLessThan(sequence, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(sequence, 999_999);
        Prefix = prefix;
        Year = year;
        Sequence = sequence;
    }

    public string Prefix { get; }

    public int Year { get; }

    public int Sequence { get; }

    public static bool IsValidPrefix([NotNullWhen(true)] string? prefix) =>
        prefix is { Length: >= 2 and <= 6 } && prefix.All(c => c is >= 'A' and <= 'Z');

    /// <summary>Prefix, year and the sequence with at least four digits: <c>AIF-2026-0042</c>.</summary>
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Year:D4}-{Sequence:D4}");

    public static FileNumber Parse(string text) =>
        TryParse(text, out var number) ? number : throw new FormatException($"'{text}' is not a file number like AIF-2026-0042.");

    /// <summary>Reads <c>PREFIX-YYYY-NNNN</c> (case-insensitive prefix, at least four sequence digits).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out FileNumber number)
    {
        number = default;
        var parts = text?.Trim().Split('-');
        if (parts is not [var prefix, var year, var sequence])
        {
            return false;
        }

        prefix = prefix.ToUpperInvariant();
        if (!IsValidPrefix(prefix) || year.Length != 4 || sequence.Length is < 4 or > 6
            || !year.All(char.IsAsciiDigit) || !sequence.All(char.IsAsciiDigit))
        {
            return false;
        }

        var y = int.Parse(year, CultureInfo.InvariantCulture);
        var s = int.Parse(sequence, CultureInfo.InvariantCulture);
        if (y < 2000 || s < 1)
        {
            return false;
        }

        number = new FileNumber(prefix, y, s);
        return true;
    }
}
