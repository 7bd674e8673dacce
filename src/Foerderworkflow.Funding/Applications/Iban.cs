using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Foerderworkflow.Funding.Applications;

/// <summary>
/// An International Bank Account Number checked per ISO 13616: country code, two check digits (mod 97 = 1), and
/// the national length where known (German IBANs have 22 characters: DE, 2 check digits, 18 digits).
/// <see cref="Value"/> is the electronic form without spaces; <see cref="ToString"/> prints groups of four.
/// </summary>
public sealed record Iban
{
    // Lengths of the SEPA countries an applicant of a German partnership is likely to bank in.
    private static readonly Dictionary<string, int> Lengths = new(StringComparer.Ordinal)
    {
        ["DE"] = 22, ["AT"] = 20, ["BE"] = 16, ["CH"] = 21, ["CZ"] = 24, ["DK"] = 18, ["ES"] = 24, ["FR"] = 27,
        ["GB"] = 22, ["IE"] = 22, ["IT"] = 27, ["LI"] = 21, ["LU"] = 20, ["NL"] = 18, ["PL"] = 28,
    };

    private Iban(string value) => Value = value;

    /// <summary>Electronic form, upper case without spaces, e.g. <c>DE89370400440532013000</c>.</summary>
    public string Value { get; }

    public string CountryCode => Value[..2];

    public static Iban Parse(string text) =>
        TryParse(text, out var iban, out var error) ? iban : throw new FormatException(error);

    /// <summary>Parses and checks an IBAN as typed (spaces allowed, any case); <paramref name="error"/> is German.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Iban? iban, [NotNullWhen(false)] out string? error)
    {
        iban = null;
        var value = string.Concat((text ?? string.Empty).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (value.Length == 0)
        {
            error = "Die IBAN fehlt.";
            return false;
        }

        if (!value.All(char.IsAsciiLetterOrDigit))
        {
            error = "Die IBAN darf nur Buchstaben und Ziffern enthalten.";
            return false;
        }

        if (value.Length < 15 || value.Length > 34 || !char.IsAsciiLetter(value[0]) || !char.IsAsciiLetter(value[1])
            || !char.IsAsciiDigit(value[2]) || !char.IsAsciiDigit(value[3]))
        {
            error = "Die IBAN hat nicht das Format Ländercode, zwei Prüfziffern und Kontonummer (z. B. DE89 3704 0044 0532 0130 00).";
            return false;
        }

        var country = value[..2];
        if (Lengths.TryGetValue(country, out var length) && value.Length != length)
        {
            error = country == "DE"
                ? $"Eine deutsche IBAN hat 22 Zeichen (jetzt {value.Length})."
                : $"Eine IBAN aus {country} hat {length} Zeichen (jetzt {value.Length}).";
            return false;
        }

        if (country == "DE" && !value.Skip(4).All(char.IsAsciiDigit))
        {
            error = "Nach „DE“ und den Prüfziffern enthält eine deutsche IBAN nur Ziffern.";
            return false;
        }

        if (Mod97(value) != 1)
        {
            error = "Die Prüfziffern der IBAN stimmen nicht; bitte die IBAN prüfen.";
            return false;
        }

        iban = new Iban(value);
        error = null;
        return true;
    }

    /// <summary>ISO 7064 MOD 97-10 over the rearranged IBAN (first four characters moved to the end, letters as 10–35).</summary>
    internal static int Mod97(string iban)
    {
        var remainder = 0;
        foreach (var c in iban[4..] + iban[..4])
        {
            var digits = char.IsAsciiDigit(c) ? c - '0' : c - 'A' + 10;
            remainder = digits >= 10 ? ((remainder * 100) + digits) % 97 : ((remainder * 10) + digits) % 97;
        }

        return remainder;
    }

    public override string ToString()
    {
        var printed = new StringBuilder(Value.Length + (Value.Length / 4));
        for (var i = 0; i < Value.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                printed.Append(' ');
            }

            printed.Append(Value[i]);
        }

        return printed.ToString();
    }
}
