using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;

namespace Foerderworkflow.Engine.Runtime;

/// <summary>
/// Runs one instance until every path waits, then hands back the new state and everything to commit.
/// Pure with respect to the outside world: it reads the clock, evaluates scripts, and collects effects.
/// </summary>
internal sealed class Burst : IDisposable
{
    /// <summary>A guard against flowcharts that loop without ever waiting.</summary>
    public const int MaxActivitiesPerBurst = 10_000;

    private readonly Queue<WorkItem> queue = new();
    private readonly List<Bookmark> newBookmarks = [];
    private readonly List<string> removedBookmarks = [];
    private readonly List<JournalEntry> journal = [];
    private readonly List<Incident> incidents = [];
    private readonly List<OutboxMessage> messages = [];
    private readonly List<WorkflowTimer> timers = [];

    /// <summary>The person this burst runs for (see <see cref="JournalEntry.Actor"/>); every entry it journals names them.</summary>
    public string? Actor { get; init; }

    public Burst(Flowchart flowchart, WorkflowInstance instance, JavaScriptEvaluator javaScript, DateTimeOffset now)
    {
        Flowchart = flowchart;
        Instance = instance;
        Scripts = javaScript.CreateScope();
        Now = now;
    }

    public Flowchart Flowchart { get; }
    public WorkflowInstance Instance { get; }
    public JavaScriptScope Scripts { get; }
    public DateTimeOffset Now { get; }

    public void Dispose() => Scripts.Dispose();

    public BurstResult Start()
    {
        foreach (var start in Flowchart.StartActivityIds)
        {
            queue.Enqueue(new WorkItem(start, null));
        }

        return Run();
    }

    public BurstResult Resume(Bookmark bookmark, JsonObject input, bool byTimer)
    {
        Instance.State.Bookmarks.RemoveAll(b => b.Id == bookmark.Id);
        queue.Enqueue(new WorkItem(bookmark.ActivityId, null, new Resumption(bookmark.Name, bookmark.Payload, input, byTimer) { BookmarkId = bookmark.Id }));
        return Run();
    }

    /// <summary>Continues the work an earlier fault left behind.</summary>
    public BurstResult Retry()
    {
        foreach (var item in Instance.State.PendingWork)
        {
            queue.Enqueue(item);
        }

        Instance.State.PendingWork.Clear();
        return Run();
    }

    /// <summary>Stops the instance. Every step that was waiting (or faulted) gets a journal entry "Cancelled" naming the actor: the audit trail of who stopped it where.</summary>
    public BurstResult Cancel()
    {
        var stopped = Instance.State.Bookmarks.Select(b => b.ActivityId).Concat(Instance.State.PendingWork.Select(w => w.ActivityId)).Distinct(StringComparer.Ordinal).ToList();
        foreach (var activityId in stopped)
        {
            Record(activityId, Flowchart.Activities.GetValueOrDefault(activityId)?.TypeName ?? "?", JournalEntry.CancelledOutcome);
        }

        CancelAllBookmarks();
        Instance.State.PendingWork.Clear();
        Instance.Status = WorkflowStatus.Cancelled;
        Instance.FinishedAt = Now;
        return Result();
    }

    private BurstResult Run()
    {
        var executed = 0;
        while (queue.TryDequeue(out var item))
        {
            if (++executed > MaxActivitiesPerBurst)
            {
                return Fault(new FaultedStep(item, new InvalidOperationException($"More than {MaxActivitiesPerBurst} activities ran without waiting; the flowchart probably loops.")));
            }

            var activity = Flowchart.Activities[item.ActivityId];
            if (Step(activity, item, context => item.Resumption is { } resumption ? activity.Resume(context, resumption) : activity.Execute(context)) is { } fault)
            {
                return Fault(fault);
            }
        }

        if (Instance.Status is not (WorkflowStatus.Finished or WorkflowStatus.Cancelled))
        {
            Instance.Status = Instance.State.Bookmarks.Count > 0 ? WorkflowStatus.Suspended : WorkflowStatus.Finished;
            if (Instance.Status == WorkflowStatus.Finished)
            {
                Instance.FinishedAt = Now;
            }
        }

        return Result();
    }

    private FaultedStep? Step(Activity activity, WorkItem item, Func<ActivityContext, ActivityResult> run)
    {
        ActivityResult result;
        try
        {
            result = run(new ActivityContext(this, activity, item.Via));
        }
#pragma warning disable CA1031 // An activity's failure of any kind becomes an incident; the engine itself goes on.
        catch (Exception ex) when (ex is not InvalidResumeInputException)
#pragma warning restore CA1031
        {
            // The failed item stays pending as it was (with its resumption), so a retry repeats exactly this step.
            return new FaultedStep(item, ex);
        }

        switch (result)
        {
            case ActivityResult.Completed completed:
                Record(activity, string.Join(",", completed.Outcomes));
                foreach (var outcome in completed.Outcomes)
                {
                    foreach (var connection in Flowchart.Outgoing(activity.Id, outcome))
                    {
                        queue.Enqueue(new WorkItem(connection.Target, connection.Key));
                    }
                }

                break;
            case ActivityResult.Suspended suspended:
                Record(activity, "Suspended");
                foreach (var request in suspended.Bookmarks)
                {
                    AddBookmark(activity, request);
                }

                break;
            case ActivityResult.Waiting:
                Record(activity, "Waiting");
                break;
            case ActivityResult.Finished:
                Record(activity, "Finished");
                queue.Clear();
                CancelAllBookmarks();
                Instance.Status = WorkflowStatus.Finished;
                Instance.FinishedAt = Now;
                break;
        }

        return null;
    }

    private void AddBookmark(Activity activity, BookmarkRequest request)
    {
        var bookmark = new Bookmark(
            NewId(),
            Instance.Id,
            activity.Id,
            request.Name,
            Bookmark.ComputeHash(request.Name, request.Payload, request.KeyFields),
            request.Payload,
            Now);
        newBookmarks.Add(bookmark);
        Instance.State.Bookmarks.Add(new ActiveBookmark(bookmark.Id, activity.Id, bookmark.Name));
        if (request.DueAt is { } due)
        {
            timers.Add(new WorkflowTimer(NewId(), Instance.Id, bookmark.Id, due));
        }
    }

    private BurstResult Fault(FaultedStep fault)
    {
        var activity = Flowchart.Activities.GetValueOrDefault(fault.Item.ActivityId);
        incidents.Add(new Incident(
            NewId(),
            Instance.Id,
            fault.Item.ActivityId,
            activity?.TypeName ?? "?",
            fault.Exception.GetType().Name,
            fault.Exception.Message,
            Now));
        Record(fault.Item.ActivityId, activity?.TypeName ?? "?", "Faulted");
        Instance.State.PendingWork = [fault.Item, .. queue];
        queue.Clear();
        Instance.Status = WorkflowStatus.Faulted;
        return Result();
    }

    internal List<string> JoinArrivals(string activityId)
    {
        if (!Instance.State.JoinArrivals.TryGetValue(activityId, out var arrivals))
        {
            arrivals = [];
            Instance.State.JoinArrivals[activityId] = arrivals;
        }

        return arrivals;
    }

    internal void CancelUpstreamOf(string activityId)
    {
        var upstream = Flowchart.Upstream(activityId);
        foreach (var bookmark in Instance.State.Bookmarks.Where(b => upstream.Contains(b.ActivityId)).ToList())
        {
            RemoveBookmark(bookmark);
        }

        var keep = queue.Where(item => !upstream.Contains(item.ActivityId)).ToList();
        queue.Clear();
        foreach (var item in keep)
        {
            queue.Enqueue(item);
        }
    }

    internal void CancelBookmarksOf(string activityId)
    {
        foreach (var bookmark in Instance.State.Bookmarks.Where(b => b.ActivityId == activityId).ToList())
        {
            RemoveBookmark(bookmark);
        }
    }

    internal void AddMessage(string messageType, JsonObject payload) =>
        messages.Add(new OutboxMessage(NewId(), Instance.Id, Instance.CorrelationId, messageType, payload, Now));

    private void CancelAllBookmarks()
    {
        foreach (var bookmark in Instance.State.Bookmarks.ToList())
        {
            RemoveBookmark(bookmark);
        }
    }

    private void RemoveBookmark(ActiveBookmark bookmark)
    {
        Instance.State.Bookmarks.Remove(bookmark);
        if (newBookmarks.RemoveAll(b => b.Id == bookmark.Id) > 0)
        {
            timers.RemoveAll(t => t.BookmarkId == bookmark.Id);
        }
        else
        {
            removedBookmarks.Add(bookmark.Id);
        }
    }

    private void Record(Activity activity, string outcome) => Record(activity.Id, activity.TypeName, outcome);

    private void Record(string activityId, string type, string outcome) =>
        journal.Add(new JournalEntry(Instance.Id, activityId, type, outcome, Now, Actor));

    private BurstResult Result()
    {
        Instance.UpdatedAt = Now;
        return new BurstResult(Instance, newBookmarks, removedBookmarks, journal, incidents, messages, timers);
    }

    private static string NewId() => Guid.CreateVersion7().ToString("N");

    private sealed record FaultedStep(WorkItem Item, Exception Exception);
}

/// <summary>The new state of an instance and every row the burst wants committed with it.</summary>
internal sealed record BurstResult(
    WorkflowInstance Instance,
    IReadOnlyList<Bookmark> NewBookmarks,
    IReadOnlyList<string> RemovedBookmarkIds,
    IReadOnlyList<JournalEntry> Journal,
    IReadOnlyList<Incident> Incidents,
    IReadOnlyList<OutboxMessage> Messages,
    IReadOnlyList<WorkflowTimer> Timers)
{
    /// <summary>The instance's status before the burst ran (the instance object itself is changed by it); for the metrics.</summary>
    public WorkflowStatus StatusBefore { get; init; }
}
