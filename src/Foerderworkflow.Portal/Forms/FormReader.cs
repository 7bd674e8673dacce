using System.Globalization;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace Foerderworkflow.Portal.Forms;

/// <summary>
/// Between a posted HTML form and the application services: the fields' text becomes the JSON body the API would get
/// (German amounts, German local times), and the services' answer — a problem naming fields — becomes errors at
/// those fields. The services' checks stay the only truth; this reads only what a browser cannot send as JSON.
/// </summary>
public static class FormReader
{
    private static readonly CultureInfo German = CultureInfo.GetCultureInfo("de-DE");

    /// <summary>The JSON body of <paramref name="fields"/> from <paramref name="form"/>; unreadable values are added to <paramref name="errors"/>.</summary>
    public static JsonObject Read(IFormCollection form, IEnumerable<FormField> fields, ModelStateDictionary errors)
    {
        ArgumentNullException.ThrowIfNull(form);
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(errors);
        var body = new JsonObject();
        foreach (var field in fields)
        {
            var values = form[field.Name];
            var text = values.Count > 0 ? values[0]?.Trim() ?? "" : "";
            switch (field.Kind)
            {
                case FieldKind.Lines:
                    var lines = text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (lines.Length > 0)
                    {
                        Set(body, field.Name, new JsonArray([.. lines.Select(l => (JsonNode)JsonValue.Create(l))]));
                    }

                    break;
                case FieldKind.Checkboxes:
                    Set(body, field.Name, new JsonArray([.. values.Where(v => !string.IsNullOrEmpty(v)).Select(v => (JsonNode)JsonValue.Create(v!))]));
                    break;
                case FieldKind.CostPlan:
                    var plan = new JsonObject { ["lines"] = ReadCostLines(form, field, errors) };
                    ReadAmount(form, field.Name + ".ownFunds", "Eigenmittel", plan, "ownFunds", errors);
                    ReadAmount(form, field.Name + ".thirdPartyFunds", "Drittmittel", plan, "thirdPartyFunds", errors);
                    Set(body, field.Name, plan);
                    break;
                case FieldKind.CostLines:
                    Set(body, field.Name, ReadCostLines(form, field, errors));
                    break;
                case FieldKind.Money or FieldKind.Number when text.Length > 0:
                    if (ParseAmount(text) is { } amount)
                    {
                        Set(body, field.Name, amount);
                    }
                    else
                    {
                        errors.AddModelError(field.Name, field.Kind == FieldKind.Money
                            ? $"{field.Label}: Bitte einen Betrag in Euro angeben, zum Beispiel 1.250,00."
                            : $"{field.Label}: Bitte eine Zahl angeben, zum Beispiel 5,5.");
                    }

                    break;
                case FieldKind.DateTime when text.Length > 0:
                    if (DateTime.TryParseExact(text, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss", "dd.MM.yyyy HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                    {
                        Set(body, field.Name, FundingTime.At(local).ToString("O", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        errors.AddModelError(field.Name, $"{field.Label}: Bitte Datum und Uhrzeit angeben, zum Beispiel 15.03.2027 18:00.");
                    }

                    break;
                case FieldKind.Date when text.Length > 0:
                    if (DateOnly.TryParseExact(text, ["yyyy-MM-dd", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
                    {
                        Set(body, field.Name, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        errors.AddModelError(field.Name, $"{field.Label}: Bitte ein Datum angeben, zum Beispiel 15.03.2027.");
                    }

                    break;
                default:
                    if (text.Length > 0)
                    {
                        Set(body, field.Name, text);
                    }

                    break;
            }
        }

        return body;
    }

    /// <summary>Sets a value at a dotted path ("applicant.email"), creating the objects on the way.</summary>
    private static void Set(JsonObject body, string path, JsonNode? value)
    {
        var parts = path.Split('.');
        var target = body;
        foreach (var part in parts[..^1])
        {
            if (target[part] is not JsonObject next)
            {
                next = new JsonObject();
                target[part] = next;
            }

            target = next;
        }

        target[parts[^1]] = value;
    }

    /// <summary>The most cost lines a form offers; an empty row is left out.</summary>
    public const int MaxCostLines = 12;

    private static JsonArray ReadCostLines(IFormCollection form, FormField field, ModelStateDictionary errors)
    {
        var prefix = field.Kind == FieldKind.CostPlan ? field.Name + ".lines" : field.Name;
        var lines = new JsonArray();
        for (var i = 0; i < MaxCostLines; i++)
        {
            var description = form[$"{prefix}[{i}].description"].ToString().Trim();
            var amountText = form[$"{prefix}[{i}].amount"].ToString().Trim();
            if (description.Length == 0 && amountText.Length == 0)
            {
                continue;
            }

            var line = new JsonObject { ["description"] = description };
            ReadAmount(form, $"{prefix}[{i}].amount", $"Betrag der Position {i + 1}", line, "amount", errors);
            lines.Add(line);
        }

        return lines;
    }

    private static void ReadAmount(IFormCollection form, string name, string label, JsonObject target, string property, ModelStateDictionary errors)
    {
        var text = form[name].ToString().Trim();
        if (text.Length == 0)
        {
            return;
        }

        if (ParseAmount(text) is { } amount)
        {
            target[property] = amount;
        }
        else
        {
            errors.AddModelError(name, $"{label}: Bitte einen Betrag in Euro angeben, zum Beispiel 1.250,00.");
        }
    }

    /// <summary>"1.250,50", "1250,5", "1250.50" or "1250" as a number; null when it is none.</summary>
    public static decimal? ParseAmount(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var cleaned = text.Replace("€", "", StringComparison.Ordinal).Replace("\u00a0", "", StringComparison.Ordinal).Replace(" ", "", StringComparison.Ordinal);
        if (cleaned.Contains(',', StringComparison.Ordinal))
        {
            return decimal.TryParse(cleaned, NumberStyles.Number, German, out var german) ? german : null;
        }

        // Without a comma a dot is a decimal point only when two or fewer digits follow it ("1250.50", not "1.250").
        var dot = cleaned.LastIndexOf('.');
        if (dot >= 0 && cleaned.Length - dot - 1 == 3)
        {
            return decimal.TryParse(cleaned, NumberStyles.Number, German, out var thousands) ? thousands : null;
        }

        return decimal.TryParse(cleaned, NumberStyles.Number, CultureInfo.InvariantCulture, out var plain) ? plain : null;
    }

    /// <summary>
    /// Puts the problem of a refused action into <paramref name="errors"/>: each named field at its field (the names
    /// are the JSON properties the form's fields carry), everything else at the top. True when there was a problem.
    /// </summary>
    public static bool TakeProblem(IResult result, ModelStateDictionary errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var problem = result switch
        {
            ProblemHttpResult p => p.ProblemDetails,
            IValueHttpResult { Value: ProblemDetails details } => details,
            _ => null,
        };
        if (problem is null)
        {
            if (result is IStatusCodeHttpResult { StatusCode: >= 400 })
            {
                errors.AddModelError(string.Empty, "Die Aktion war nicht möglich.");
                return true;
            }

            return false;
        }

        if (problem is HttpValidationProblemDetails { Errors.Count: > 0 } validation)
        {
            foreach (var (field, messages) in validation.Errors)
            {
                foreach (var message in messages)
                {
                    errors.AddModelError(field, message);
                }
            }
        }
        else
        {
            errors.AddModelError(string.Empty, problem.Detail ?? problem.Title ?? "Die Aktion war nicht möglich.");
        }

        return true;
    }
}
