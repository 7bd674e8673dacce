using System.Globalization;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Foerderworkflow.Engine.Persistence.Model;

/// <summary>
/// <see cref="DateTimeOffset"/> as <c>yyyy-MM-ddTHH:mm:ss.fffffffZ</c> in UTC: fixed width, so text order is time
/// order, and exact to the tick.
/// </summary>
internal sealed class UtcTextConverter() : ValueConverter<DateTimeOffset, string>(value => Format(value), text => Parse(text))
{
    private const string Pattern = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    public static string Format(DateTimeOffset value) => value.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    public static DateTimeOffset Parse(string text) =>
        DateTimeOffset.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
