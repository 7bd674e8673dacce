using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;

namespace Foerderworkflow.Server.Studio;

/// <summary>
/// One run of an activity as Elsa's viewer shows it (an <c>ActivityExecutionRecord</c>), derived from the journal: the
/// engine journals a waiting step when it suspends and again when it is resumed, so the two entries are one execution,
/// from the first to the second. Elsa's statuses: Running (still waiting), Completed, Faulted, Canceled.
/// </summary>
internal sealed record ActivityExecution(
    string Id, string ActivityId, string ActivityType, DateTimeOffset StartedAt, DateTimeOffset? CompletedAt, string Status, string? Outcome, string? Actor, bool HasBookmarks)
{
    public const string Running = "Running";
    public const string Completed = "Completed";
    public const string Faulted = "Faulted";
    public const string Canceled = "Canceled";

    /// <summary>Every execution of the instance in journal order (by the entry that started it).</summary>
    public static IReadOnlyList<ActivityExecution> From(InstanceDetails details)
    {
        var executions = new List<ActivityExecution>();
        var open = new Dictionary<string, int>(StringComparer.Ordinal);
        var waiting = details.Bookmarks.Select(b => b.ActivityId).ToHashSet(StringComparer.Ordinal);
        for (var sequence = 0; sequence < details.Journal.Count; sequence++)
        {
            var entry = details.Journal[sequence];
            var opened = open.TryGetValue(entry.ActivityId, out var index) ? executions[index] : null;
            switch (entry.Outcome)
            {
                case JournalEntry.SuspendedOutcome or JournalEntry.WaitingOutcome:
                    if (opened is null)
                    {
                        open[entry.ActivityId] = executions.Count;
                        executions.Add(New(details, entry, sequence, Running, waiting.Contains(entry.ActivityId)));
                    }

                    break;
                case JournalEntry.FaultedOutcome or JournalEntry.CancelledOutcome:
                    var status = entry.Outcome == JournalEntry.FaultedOutcome ? Faulted : Canceled;
                    Close(executions, open, opened, index, details, entry, sequence, status, completedAt: status == Canceled ? entry.At : null);
                    break;
                default:
                    Close(executions, open, opened, index, details, entry, sequence, Completed, entry.At);
                    break;
            }
        }

        return executions;
    }

    private static void Close(
        List<ActivityExecution> executions, Dictionary<string, int> open, ActivityExecution? opened, int index, InstanceDetails details, JournalEntry entry, int sequence, string status, DateTimeOffset? completedAt)
    {
        var outcome = status == Completed ? entry.Outcome : null;
        if (opened is null)
        {
            executions.Add(New(details, entry, sequence, status, hasBookmarks: false) with { CompletedAt = completedAt, Outcome = outcome });
            return;
        }

        executions[index] = opened with { Status = status, CompletedAt = completedAt, Outcome = outcome, Actor = entry.Actor ?? opened.Actor, HasBookmarks = false };
        open.Remove(entry.ActivityId);
    }

    private static ActivityExecution New(InstanceDetails details, JournalEntry entry, int sequence, string status, bool hasBookmarks) =>
        new($"{details.Instance.Id}-{sequence}", entry.ActivityId, entry.ActivityType, entry.At, null, status, null, entry.Actor, hasBookmarks);
}
