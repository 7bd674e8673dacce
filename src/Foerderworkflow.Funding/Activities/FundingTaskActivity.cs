using System.Globalization;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// A funding step that waits for a person (or a date). All such steps share one bookmark name, so a task inbox lists
/// them with one query; the payload says which step, for which application, for which role and with which results.
/// Every such step marks all its outcomes as required ports (<see cref="ActivityAttribute.RequiredOutcomes"/>): an open
/// one would end the case silently when chosen, so publishing refuses a flowchart that leaves one unconnected.
/// </summary>
public abstract class FundingTaskActivity : Activity
{
    public const string BookmarkName = "Foerderworkflow.Funding.Task";
    public const string ApplicantRole = "applicant";
    public const string OfficeRole = "office";
    public const string CoordinationOfficeRole = "kuf";

    protected ActivityResult Wait(ActivityContext context, string assigneeRole, string title, DateTimeOffset? dueAt = null, JsonObject? data = null) =>
        ActivityResult.Suspend(TaskBookmark(context, assigneeRole, title, dueAt, data));

    /// <summary>
    /// The task bookmark for <paramref name="assigneeRole"/>. <paramref name="dueAt"/> is shown in the inbox and, with
    /// <paramref name="timer"/>, also resumes the task when it passes. A task for another role than the applicant's
    /// (the office's escalation task) is told apart by its role, so it may stand beside the applicant's task.
    /// </summary>
    protected BookmarkRequest TaskBookmark(ActivityContext context, string assigneeRole, string title, DateTimeOffset? dueAt = null, JsonObject? data = null, bool timer = true, IReadOnlyList<string>? outcomes = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        var payload = new JsonObject
        {
            ["step"] = TypeName,
            ["activityId"] = Id,
            ["applicationId"] = application.ApplicationId,
            ["fileNumber"] = application.FileNumber,
            ["assigneeRole"] = assigneeRole,
            ["title"] = title,
            ["outcomes"] = new JsonArray([.. (outcomes ?? Outcomes).Select(o => (JsonNode)o)]),
            ["dueAt"] = dueAt,
            ["data"] = data,
        };
        IReadOnlyList<string> keys = assigneeRole == ApplicantRole ? ["applicationId", "activityId"] : ["applicationId", "activityId", "assigneeRole"];
        return new BookmarkRequest(BookmarkName, payload, timer ? dueAt : null) { KeyFields = keys };
    }

    /// <summary>Whether the resumed bookmark is the task of <paramref name="role"/>.</summary>
    protected static bool IsTaskOf(Resumption resumption, string role)
    {
        ArgumentNullException.ThrowIfNull(resumption);
        return resumption.BookmarkName == BookmarkName && resumption.BookmarkPayload["assigneeRole"]?.GetValue<string>() == role;
    }

    /// <summary>The chosen result (<c>outcome</c>), which must be one of <paramref name="allowed"/>.</summary>
    protected static string ReadOutcome(Resumption resumption, params string[] allowed)
    {
        ArgumentNullException.ThrowIfNull(resumption);
        var outcome = ResumeInput.OptionalText(resumption.Input, "outcome");
        return outcome is not null && allowed.Contains(outcome, StringComparer.Ordinal)
            ? outcome
            : throw new InvalidResumeInputException("outcome", $"Erlaubte Ergebnisse: {string.Join(", ", allowed)}.");
    }
}

/// <summary>Reads the input a step is resumed with; a missing or malformed field refuses the resume, naming the field.</summary>
public static class ResumeInput
{
    public const int MaxTextLength = 4_000;

    /// <param name="input">The resume input, or an object inside it.</param>
    /// <param name="field">The property to read.</param>
    /// <param name="path">The field as an error names it when <paramref name="input"/> is nested, e.g. <c>costLines[2].description</c>.</param>
    public static string? OptionalText(JsonObject input, string field, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input[field] switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out string? text) => string.IsNullOrWhiteSpace(text) ? null
                : text.Length > MaxTextLength ? throw new InvalidResumeInputException(path ?? field, $"Höchstens {MaxTextLength} Zeichen erlaubt.")
                : text.Trim(),
            _ => throw new InvalidResumeInputException(path ?? field, "Text erwartet."),
        };
    }

    public static string Text(JsonObject input, string field) =>
        OptionalText(input, field) ?? throw new InvalidResumeInputException(field, "Angabe fehlt.");

    public static decimal? OptionalAmount(JsonObject input, string field, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input[field] switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out decimal number) => number,
            JsonValue value when value.TryGetValue(out string? text) && decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => throw new InvalidResumeInputException(path ?? field, "Betrag in Euro erwartet, z. B. 1200.50."),
        };
    }

    public static decimal Amount(JsonObject input, string field) =>
        OptionalAmount(input, field) ?? throw new InvalidResumeInputException(field, "Angabe fehlt.");

    public static DateTimeOffset? OptionalMoment(JsonObject input, string field)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input[field] switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out string? text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment) => moment,
            _ => throw new InvalidResumeInputException(field, "Zeitpunkt erwartet, z. B. 2026-05-12T18:00:00+02:00."),
        };
    }

    public static DateTimeOffset Moment(JsonObject input, string field) =>
        OptionalMoment(input, field) ?? throw new InvalidResumeInputException(field, "Angabe fehlt.");

    /// <summary>A calendar day in ISO notation (<c>2026-10-31</c>).</summary>
    public static DateOnly? OptionalDay(JsonObject input, string field, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input[field] switch
        {
            null => null,
            JsonValue value when value.TryGetValue(out string? text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) => day,
            _ => throw new InvalidResumeInputException(path ?? field, "Datum erwartet, z. B. 2026-10-31."),
        };
    }

    /// <summary>A non-empty list of cost lines (<c>[{description, amount}]</c>), each amount at least 0 €.</summary>
    /// <param name="input">The resume input, or an object inside it.</param>
    /// <param name="field">The property holding the list.</param>
    /// <param name="path">The list as an error names it when <paramref name="input"/> is nested, e.g. <c>costPlan.lines</c>.</param>
    public static IReadOnlyList<CaseCostLine> CostLines(JsonObject input, string field, string? path = null)
    {
        ArgumentNullException.ThrowIfNull(input);
        path ??= field;
        if (input[field] is not JsonArray { Count: > 0 } array)
        {
            throw new InvalidResumeInputException(path, "Bitte den Kostenplan angeben (Liste mit description und amount).");
        }

        var lines = new List<CaseCostLine>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            if (array[i] is not JsonObject item)
            {
                throw new InvalidResumeInputException($"{path}[{i}]", "Kostenposition mit description und amount erwartet.");
            }

            var description = OptionalText(item, "description", $"{path}[{i}].description") ?? throw new InvalidResumeInputException($"{path}[{i}].description", "Angabe fehlt.");
            var amount = OptionalAmount(item, "amount", $"{path}[{i}].amount") ?? throw new InvalidResumeInputException($"{path}[{i}].amount", "Angabe fehlt.");
            if (amount < 0m)
            {
                throw new InvalidResumeInputException($"{path}[{i}].amount", "Der Betrag darf nicht negativ sein.");
            }

            lines.Add(new CaseCostLine(description, amount));
        }

        return lines;
    }

    public static IReadOnlyList<string> Strings(JsonObject input, string field)
    {
        ArgumentNullException.ThrowIfNull(input);
        return input[field] switch
        {
            null => [],
            JsonValue value when value.TryGetValue(out string? text) => string.IsNullOrWhiteSpace(text) ? [] : [text.Trim()],
            JsonArray array => [.. array.Select((item, i) => item is JsonValue v && v.TryGetValue(out string? s)
                ? s.Trim()
                : throw new InvalidResumeInputException($"{field}[{i}]", "Text erwartet.")).Where(s => s.Length > 0)],
            _ => throw new InvalidResumeInputException(field, "Liste von Texten erwartet."),
        };
    }
}
