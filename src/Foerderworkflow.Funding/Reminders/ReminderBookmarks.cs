using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Activities;

namespace Foerderworkflow.Funding.Reminders;

/// <summary>
/// The rungs of a ladder as bookmarks of the waiting step: one timer bookmark per rung, committed with the step's
/// task. A rung's bookmark is consumed when it fires (so it fires once); the step keeps waiting on the rest, and when
/// the step ends (answered, lapsed) it cancels the rungs still open with <see cref="ActivityContext.CancelOwnBookmarks"/>.
/// Rung bookmarks have their own name, so a task inbox does not list them.
/// </summary>
public static class ReminderBookmarks
{
    public const string BookmarkName = "Foerderworkflow.Funding.Reminder";

    /// <summary>
    /// The bookmark requests for the rungs of <paramref name="ladder"/> still ahead of <paramref name="now"/>. A rung
    /// already past is skipped (the step began late), except the escalating one, which then fires at once: the
    /// office must learn of the case either way.
    /// </summary>
    public static IEnumerable<BookmarkRequest> Requests(Activity step, ApplicationCase application, ReminderLadder ladder, DateOnly dueDay, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(step);
        ArgumentNullException.ThrowIfNull(application);
        ArgumentNullException.ThrowIfNull(ladder);
        foreach (var rung in ladder.Rungs(dueDay).Where(r => r.At > now || r.Escalates))
        {
            var payload = new JsonObject
            {
                ["step"] = step.TypeName,
                ["activityId"] = step.Id,
                ["applicationId"] = application.ApplicationId,
                ["dueDay"] = dueDay.ToString("O", System.Globalization.CultureInfo.InvariantCulture),
                ["rung"] = rung.Index,
                ["offsetDays"] = rung.OffsetDays,
                ["at"] = rung.At,
            };
            yield return new BookmarkRequest(BookmarkName, payload, rung.At) { KeyFields = ["applicationId", "activityId", "dueDay", "rung"] };
        }
    }

    /// <summary>Whether <paramref name="resumption"/> is a rung firing.</summary>
    public static bool IsRung(Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(resumption);
        return resumption.BookmarkName == BookmarkName;
    }

    /// <summary>The rung that fired, as <paramref name="ladder"/> defines it for <paramref name="dueDay"/>.</summary>
    public static ReminderRung RungOf(Resumption resumption, ReminderLadder ladder, DateOnly dueDay)
    {
        ArgumentNullException.ThrowIfNull(resumption);
        ArgumentNullException.ThrowIfNull(ladder);
        var index = resumption.BookmarkPayload["rung"]?.GetValue<int>() ?? -1;
        return ladder.Rung(dueDay, index)
            ?? throw new InvalidOperationException($"Reminder rung {index} is not part of the step's ladder (offsets {string.Join(", ", ladder.Offsets)}).");
    }
}
