using System.Text.Json.Nodes;

namespace Foerderworkflow.Portal.Forms;

/// <summary>
/// The planned expenditures of a payout request, typed one per line as "Datum; Betrag; Zweck", as the API's
/// <c>expenditures</c> array. A line that cannot be read is passed on as it is, so the server's check names it.
/// </summary>
public static class ExpenditureLines
{
    public static JsonObject Apply(JsonObject body)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (body["expenditures"] is not JsonArray lines)
        {
            return body;
        }

        var expenditures = new JsonArray();
        foreach (var line in lines.Select(l => l?.GetValue<string>() ?? ""))
        {
            var parts = line.Split(';', 3, StringSplitOptions.TrimEntries);
            var item = new JsonObject();
            if (parts.Length > 0 && DateOnly.TryParseExact(parts[0], ["dd.MM.yyyy", "yyyy-MM-dd"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var day))
            {
                item["dueOn"] = day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            }

            if (parts.Length > 1 && FormReader.ParseAmount(parts[1]) is { } amount)
            {
                item["amount"] = amount;
            }

            item["description"] = parts.Length > 2 ? parts[2] : null;
            expenditures.Add(item);
        }

        var copy = (JsonObject)body.DeepClone();
        copy["expenditures"] = expenditures;
        return copy;
    }
}
