using System.Globalization;

namespace Foerderworkflow.Notifications.Templates;

/// <summary>
/// de-DE dates and euro amounts, spelled out rather than taken from the culture data, so the output does not depend on
/// ICU being installed (invariant globalization mode would otherwise print <c>1,234.56</c>).
/// </summary>
internal static class GermanFormat
{
    private static readonly NumberFormatInfo Numbers = new()
    {
        NumberDecimalSeparator = ",",
        NumberGroupSeparator = ".",
        NumberGroupSizes = [3],
        NegativeSign = "-",
    };

    private static readonly Lazy<TimeZoneInfo> Germany = new(() =>
        TimeZoneInfo.TryFindSystemTimeZoneById("Europe/Berlin", out var zone) ? zone : TimeZoneInfo.Utc);

    /// <summary><c>1234.56</c> → <c>1.234,56 €</c>.</summary>
    public static string Euro(decimal amount) => amount.ToString("N2", Numbers) + " €";

    /// <summary><c>2026-03-15</c> → <c>15.03.2026</c>.</summary>
    public static string Date(DateOnly date) => date.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>German local time: <c>15.03.2026, 14:30 Uhr</c>.</summary>
    public static string Moment(DateTimeOffset moment) =>
        TimeZoneInfo.ConvertTime(moment, Germany.Value).ToString("dd.MM.yyyy, HH:mm 'Uhr'", CultureInfo.InvariantCulture);

    /// <summary><c>2027-03-12T17:00:00Z</c> → <c>12.03.2027, 18:00 Uhr</c> (German local time).</summary>
    public static bool TryFormatMoment(string text, out string formatted)
    {
        if (text.Contains('T', StringComparison.Ordinal) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment))
        {
            formatted = Moment(moment);
            return true;
        }

        var isDate = TryParseDate(text, out var day);
        formatted = isDate ? Date(day) : "";
        return isDate;
    }

    public static bool TryParseDate(string text, out DateOnly date)
    {
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var moment) && text.Contains('T', StringComparison.Ordinal))
        {
            date = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(moment, Germany.Value).DateTime);
            return true;
        }

        return false;
    }

    public static bool TryParseAmount(string text, out decimal amount) =>
        decimal.TryParse(text, NumberStyles.AllowDecimalPoint | NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out amount);
}
