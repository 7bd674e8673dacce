using System.Globalization;
using Foerderworkflow.Funding.Wording;

namespace Foerderworkflow.Portal;

/// <summary>Amounts, days and moments as the portal shows them: German formats, German local time.</summary>
public static class PortalFormat
{
    private static readonly CultureInfo GermanCulture = CultureInfo.GetCultureInfo("de-DE");

    public static string Euro(decimal amount) => amount.ToString("#,##0.00", GermanCulture) + "\u00a0€";

    public static string Euro(decimal? amount) => amount is { } value ? Euro(value) : "–";

    public static string Day(DateOnly day) => German.Date(day);

    public static string Day(DateOnly? day) => day is { } value ? German.Date(value) : "–";

    public static string Moment(DateTimeOffset moment) => German.Moment(moment);

    /// <summary>A share as "10 %".</summary>
    public static string Percent(decimal share) => (share * 100m).ToString("0.##", GermanCulture) + "\u00a0%";
}
