using System.Globalization;

namespace Foerderworkflow.Funding.Wording;

/// <summary>
/// German agreement and German local time for every text people read (task titles, minutes, refusals, next steps),
/// in one place, so no text says "1 Enthaltungen", "Der Jugendforum" or prints a UTC time as if it were local.
/// </summary>
public static class German
{
    private static readonly TimeZoneInfo Germany = TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");

    /// <summary><c>1 Enthaltung</c>, <c>0 Enthaltungen</c>, <c>2 Enthaltungen</c>.</summary>
    public static string Count(int count, string singular, string plural) =>
        count.ToString(CultureInfo.InvariantCulture) + " " + (count == 1 ? singular : plural);

    /// <summary>
    /// "12.05.2026, 18:00 Uhr" in German local time; a moment at midnight reads as the end of the day before
    /// ("28.12.2026, 24:00 Uhr"), as a notice states a deadline lapsing then.
    /// </summary>
    public static string Moment(DateTimeOffset moment)
    {
        var local = TimeZoneInfo.ConvertTime(moment, Germany);
        return local.TimeOfDay == TimeSpan.Zero
            ? local.AddDays(-1).ToString("dd.MM.yyyy", CultureInfo.InvariantCulture) + ", 24:00 Uhr"
            : local.ToString("dd.MM.yyyy, HH:mm 'Uhr'", CultureInfo.InvariantCulture);
    }

    /// <summary>"1.234,56 €".</summary>
    public static string Euro(decimal euros) =>
        Math.Round(euros, 2, MidpointRounding.AwayFromZero).ToString("#,##0.00", CultureInfo.GetCultureInfo("de-DE")) + " €";

    /// <summary>"12.05.2026".</summary>
    public static string Date(DateOnly day) => day.ToString("dd.MM.yyyy", CultureInfo.InvariantCulture);

    /// <summary>A deciding body with its definite article: "der Begleitausschuss", "das Jugendforum", "das Bündnis".</summary>
    public static string TheBody(string body) => (IsNeuter(body) ? "das " : "der ") + body;

    /// <summary>The same at the start of a sentence: "Der Begleitausschuss", "Das Jugendforum".</summary>
    public static string TheBodyCapitalized(string body) => (IsNeuter(body) ? "Das " : "Der ") + body;

    // The bodies partnerships name (GLOSSARY): der Begleitausschuss; das Jugendforum, das Bündnis, das Gremium.
    private static bool IsNeuter(string body) =>
        body.EndsWith("forum", StringComparison.OrdinalIgnoreCase) || body.EndsWith("bündnis", StringComparison.OrdinalIgnoreCase)
        || body.EndsWith("gremium", StringComparison.OrdinalIgnoreCase);
}
