using Foerderworkflow.Engine.Runtime;

namespace Foerderworkflow.Casework;

/// <summary>One line of a case's history as people read it: when, what happened, and (for staff) who did it.</summary>
public sealed record TimelineEntry(DateTimeOffset At, string Text, string? Actor);

/// <summary>
/// The history of a case from its journal: the submission, then every funding step that was done, in order. Steps
/// still waiting or faulted are not history. Applicants see the office that acted, not the person; staff see the person.
/// </summary>
public static class CaseTimeline
{
    public static IReadOnlyList<TimelineEntry> Of(CaseFile file, Caller caller)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(caller);
        var entries = new List<TimelineEntry> { new(file.Instance.CreatedAt, $"Antrag {file.Application.FileNumber} eingereicht", caller.SeesOnlyOwnApplications ? null : file.Application.ApplicantName) };
        foreach (var entry in file.Journal)
        {
            if (entry.Outcome is "Suspended" or "Faulted" || FundingSteps.Done(entry.ActivityType, entry.Outcome) is not { } text)
            {
                continue;
            }

            entries.Add(new TimelineEntry(entry.At, text, caller.SeesOnlyOwnApplications ? null : entry.Actor));
        }

        return entries;
    }
}
