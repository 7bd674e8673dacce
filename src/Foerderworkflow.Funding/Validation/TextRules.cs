using System.Globalization;

namespace Foerderworkflow.Funding.Validation;

/// <summary>
/// Which characters a text typed by a person may contain. Refused everywhere: NUL and the other C0 controls, DEL, the
/// C1 controls (U+0080–U+009F) and the invisible direction marks and overrides (U+200E/F, U+202A–U+202E,
/// U+2066–U+2069, U+061C), which make a name or a title read differently than it is stored (e-mail subjects, the case
/// file, PDF letters). One-line fields (names, titles, e-mail, IBAN, list items) also refuse tab and line breaks; multi-line
/// texts (descriptions, reports, reasons, comments, minutes) keep tab, line feed and carriage return.
/// </summary>
public static class TextRules
{
    /// <summary>Null when <paramref name="value"/> is acceptable, otherwise the German message naming the first bad character.</summary>
    public static string? Problem(string? value, bool multiLine)
    {
        if (value is null)
        {
            return null;
        }

        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (IsRefused(c, multiLine))
            {
                var code = ((int)c).ToString("X4", CultureInfo.InvariantCulture);
                return c is '\t' or '\n' or '\r'
                    ? $"Zeilenumbrüche und Tabulatoren sind in diesem Feld nicht erlaubt (Zeichen U+{code} an Stelle {i + 1})."
                    : $"Steuerzeichen und unsichtbare Zeichen zur Schreibrichtung sind nicht erlaubt (Zeichen U+{code} an Stelle {i + 1}).";
            }
        }

        return null;
    }

    public static bool IsRefused(char c, bool multiLine) => c switch
    {
        '\t' or '\n' or '\r' => !multiLine,
        < ' ' or '\u007F' => true,
        >= '\u0080' and <= '\u009F' => true,
        '\u200E' or '\u200F' or '\u061C' => true,
        >= '\u202A' and <= '\u202E' => true,
        >= '\u2066' and <= '\u2069' => true,
        _ => false,
    };
}
