using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Engine.Activities.BuiltIn;
using Foerderworkflow.Engine.Definitions;
using Foerderworkflow.Engine.Diagnostics;
using Foerderworkflow.Engine.Expressions;
using Foerderworkflow.Engine.Flowcharts;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Engine.Outbox;
using Foerderworkflow.Engine.Timers;

namespace Foerderworkflow.Engine.Runtime;

/// <summary>
/// Starts, resumes, retries and cancels instances. Each call loads state, runs one burst and commits it; only after
/// the commit are the new timers handed to the scheduler and the outbox relay woken.
/// </summary>
public sealed class WorkflowRuntime(
    IWorkflowStore store,
    FlowchartCompiler compiler,
    JavaScriptEvaluator javaScript,
    TimeProvider clock,
    ITimerScheduler timers,
    IOutboxSignal outbox)
{
    /// <summary>How often a burst is re-run after another burst of the same instance committed first.</summary>
    private const int MaxConflictRetries = 8;

    /// <summary>Published versions by id, as started by definition id (their content never changes once published).</summary>
    private readonly ConcurrentDictionary<string, WorkflowDefinition> publishedVersions = new(StringComparer.Ordinal);

    public Task<RunResult> StartAsync(string definitionId, JsonNode? input = null, string? correlationId = null, CancellationToken cancellationToken = default) =>
        StartAsync(definitionId, input, correlationId, instanceId: null, cancellationToken);

    /// <summary>Starts the published version of <paramref name="definitionId"/>; see the overload with a definition for <paramref name="instanceId"/>.</summary>
    public async Task<RunResult> StartAsync(string definitionId, JsonNode? input, string? correlationId, string? instanceId, CancellationToken cancellationToken = default)
    {
        // Only the version id is read per start: a published version never changes, so its document is read and
        // parsed once (it is tens of kilobytes, and reading it was a tenth of a submission's CPU time).
        var versionId = await store.FindDefinitionVersionIdAsync(definitionId, VersionSelector.Published, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Es gibt keine veröffentlichte Version des Ablaufs '{definitionId}'.");
        if (!publishedVersions.TryGetValue(versionId, out var definition))
        {
            definition = await store.FindDefinitionVersionAsync(versionId, cancellationToken)
                ?? throw new WorkflowNotFoundException($"Es gibt keine veröffentlichte Version des Ablaufs '{definitionId}'.");
            if (definition.IsPublished || definition.PublishedAt is not null)
            {
                // Kept here only, never handed out: nobody can change the document behind the cache's back.
                publishedVersions.TryAdd(versionId, definition);
            }
        }

        return await StartAsync(definition, input, correlationId, instanceId, cancellationToken);
    }

    /// <summary>Starts an instance on exactly this definition version (published or a test run of a draft).</summary>
    public Task<RunResult> StartAsync(WorkflowDefinition definition, JsonNode? input, string? correlationId, CancellationToken cancellationToken = default) =>
        StartAsync(definition, input, correlationId, instanceId: null, cancellationToken);

    /// <summary>
    /// Starts an instance with the id <paramref name="instanceId"/> (new when null). A caller-chosen id makes the start
    /// idempotent: the store's key is the gate, and a second start with it throws <see cref="InstanceAlreadyExistsException"/>
    /// having written nothing.
    /// </summary>
    public async Task<RunResult> StartAsync(WorkflowDefinition definition, JsonNode? input, string? correlationId, string? instanceId, CancellationToken cancellationToken = default)
    {
        var flowchart = compiler.GetOrCompile(definition);
        var now = clock.GetUtcNow();
        var instance = new WorkflowInstance
        {
            Id = instanceId ?? Guid.CreateVersion7().ToString("N"),
            DefinitionId = definition.DefinitionId,
            DefinitionVersionId = definition.Id,
            DefinitionVersion = definition.Version,
            CorrelationId = correlationId,
            Status = WorkflowStatus.Running,
            CreatedAt = now,
            UpdatedAt = now,
            State = new InstanceState
            {
                Variables = (JsonObject)flowchart.InitialVariables.DeepClone(),
                Input = input?.DeepClone(),
            },
        };
        using var burst = new Burst(flowchart, instance, javaScript, now);
        var result = Run(BurstKind.Start, instance, burst, b => b.Start());
        var run = await CommitAsync(result, isNew: true, consumedBookmarkId: null, resolveIncidents: false, cancellationToken);
        EngineTelemetry.InstancesStarted.Add(1, new KeyValuePair<string, object?>(EngineTelemetry.DefinitionKey, instance.DefinitionId));
        return run;
    }

    /// <summary>Resumes one bookmark. Throws <see cref="BookmarkAlreadyConsumedException"/> if it is gone.</summary>
    public Task<RunResult> ResumeAsync(string bookmarkId, JsonObject? input = null, CancellationToken cancellationToken = default) =>
        ResumeAsync(bookmarkId, input ?? [], byTimer: false, cancellationToken);

    /// <summary>
    /// Resumes one bookmark for a request that may be retried: <paramref name="request"/> (its id, fingerprint and the
    /// time is set here) is recorded in the instance in the same commit as the resume, so whoever finds it in
    /// <see cref="InstanceState.Requests"/> knows the resume happened.
    /// </summary>
    public Task<RunResult> ResumeAsync(string bookmarkId, JsonObject input, HandledRequest request, CancellationToken cancellationToken = default) =>
        ResumeAsync(bookmarkId, input, byTimer: false, cancellationToken, read: null, request);

    /// <summary>
    /// Resumes one bookmark on a person's action: <paramref name="actor"/> (how the host names them, e.g. "Erika
    /// Muster (amt)") is journaled with every activity this resume runs, so the history says who did the step and when.
    /// <paramref name="request"/>, if given, is recorded as above.
    /// </summary>
    public Task<RunResult> ResumeAsync(string bookmarkId, JsonObject input, string actor, HandledRequest? request, CancellationToken cancellationToken = default) =>
        ResumeAsync(bookmarkId, input, byTimer: false, cancellationToken, read: null, request, actor);

    /// <summary>Raises an event: every instance waiting for it (with this correlation id) resumes.</summary>
    public async Task<IReadOnlyList<RunResult>> TriggerEventAsync(string eventName, string? correlationId, JsonObject? input = null, CancellationToken cancellationToken = default)
    {
        var payload = EventActivity.BookmarkPayload(eventName, correlationId);
        var bookmarks = await store.FindBookmarksAsync(EventActivity.BookmarkName, Bookmark.ComputeHash(EventActivity.BookmarkName, payload), cancellationToken);
        var results = new List<RunResult>(bookmarks.Count);
        foreach (var bookmark in bookmarks)
        {
            try
            {
                results.Add(await ResumeAsync(bookmark.Id, input ?? [], byTimer: false, cancellationToken));
            }
            catch (BookmarkAlreadyConsumedException)
            {
                // Someone else raised the same event at the same moment; that resume won.
            }
        }

        return results;
    }

    /// <summary>
    /// Fires a due timer. A timer whose bookmark is gone (answered in time, cancelled) does nothing. A timer of a
    /// faulted instance does nothing yet: it stays stored and fires once an operator has retried the instance.
    /// </summary>
    public Task<RunResult?> FireTimerAsync(WorkflowTimer timer, CancellationToken cancellationToken = default) =>
        FireTimerAsync(timer, null, cancellationToken);

    /// <summary>
    /// Fires a due timer whose bookmark and instance the caller has read already (<see langword="null"/>: either was
    /// not found), as a scheduler firing a page of timers does with one read each instead of two per timer. A retry
    /// after a concurrent commit reads them again.
    /// </summary>
    public async Task<RunResult?> FireTimerAsync(WorkflowTimer timer, (Bookmark? Bookmark, WorkflowInstance? Instance)? read, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(timer);

        // A timer is an action of its own: without this span its burst and commit would each start a trace of their
        // own (the scheduler's thread has no current span), and its messages would continue only the commit's.
        using var span = EngineTelemetry.Start("timer fire");
        span?.SetTag("foerderworkflow.timer_id", timer.Id);
        span?.SetTag(EngineTelemetry.InstanceIdKey, timer.InstanceId);
        span?.SetTag("foerderworkflow.timer.due_at", timer.DueAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            var run = await ResumeAsync(timer.BookmarkId, [], byTimer: true, cancellationToken, read);
            EngineTelemetry.TimerLateness.Record(Math.Max(0, (clock.GetUtcNow() - timer.DueAt).TotalSeconds));
            return run;
        }
        catch (BookmarkAlreadyConsumedException)
        {
            return null;
        }
        catch (InstanceStateException ex) when (ex.Status == WorkflowStatus.Faulted)
        {
            return null;
        }
    }

    public Task<RunResult> RetryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        WithInstanceAsync(instanceId, WorkflowStatus.Faulted, BurstKind.Retry, burst => burst.Retry(), cancellationToken);

    public Task<RunResult> CancelAsync(string instanceId, CancellationToken cancellationToken = default) =>
        CancelAsync(instanceId, actor: null, cancellationToken);

    /// <summary>Cancels the instance on behalf of <paramref name="actor"/>, who is named in the journal entry of every step it stopped.</summary>
    public Task<RunResult> CancelAsync(string instanceId, string? actor, CancellationToken cancellationToken = default) =>
        WithInstanceAsync(instanceId, null, BurstKind.Cancel, burst => burst.Cancel(), cancellationToken, actor);

    private async Task<RunResult> ResumeAsync(
        string bookmarkId, JsonObject input, bool byTimer, CancellationToken cancellationToken, (Bookmark? Bookmark, WorkflowInstance? Instance)? read = null, HandledRequest? request = null, string? actor = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var preread = attempt == 0 ? read : null;
            var bookmark = (preread is { } r ? r.Bookmark : await store.FindBookmarkAsync(bookmarkId, cancellationToken)) ?? throw new BookmarkAlreadyConsumedException(bookmarkId);
            var instance = (preread is { } s ? s.Instance : await store.FindInstanceAsync(bookmark.InstanceId, cancellationToken)) ?? throw new BookmarkAlreadyConsumedException(bookmarkId);
            if (instance.Status is not (WorkflowStatus.Suspended or WorkflowStatus.Running))
            {
                // A concurrent resume may have consumed the bookmark and finished the instance between the two reads
                // above: then this resume lost the race, which callers (timers, events) expect as "already consumed".
                if (await store.FindBookmarkAsync(bookmarkId, cancellationToken) is null)
                {
                    throw new BookmarkAlreadyConsumedException(bookmarkId);
                }

                throw new InstanceStateException(instance.Id, instance.Status, "fortgesetzt");
            }

            var flowchart = await FlowchartOfAsync(instance, cancellationToken);
            using var burst = new Burst(flowchart, instance, javaScript, clock.GetUtcNow()) { Actor = actor };
            var result = Run(byTimer ? BurstKind.Timer : BurstKind.Resume, instance, burst, b => b.Resume(bookmark, (JsonObject)input.DeepClone(), byTimer));
            if (request is not null)
            {
                result.Instance.State.Record(request with { At = result.Instance.UpdatedAt });
            }

            try
            {
                return await CommitAsync(result, isNew: false, bookmarkId, resolveIncidents: false, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxConflictRetries)
            {
                // Another bookmark of the same instance committed first; run again on the fresh state.
            }
        }
    }

    private async Task<RunResult> WithInstanceAsync(string instanceId, WorkflowStatus? required, string kind, Func<Burst, BurstResult> run, CancellationToken cancellationToken, string? actor = null)
    {
        for (var attempt = 0; ; attempt++)
        {
            var instance = await store.FindInstanceAsync(instanceId, cancellationToken) ?? throw new WorkflowNotFoundException($"Es gibt keine Instanz '{instanceId}'.");
            var action = required is null ? "abgebrochen" : "wiederholt";
            if (instance.Status is WorkflowStatus.Finished or WorkflowStatus.Cancelled || (required is { } status && instance.Status != status))
            {
                throw new InstanceStateException(instance.Id, instance.Status, action);
            }

            var flowchart = await FlowchartOfAsync(instance, cancellationToken);
            using var burst = new Burst(flowchart, instance, javaScript, clock.GetUtcNow()) { Actor = actor };
            var result = Run(kind, instance, burst, run);
            try
            {
                return await CommitAsync(result, isNew: false, consumedBookmarkId: null, resolveIncidents: true, cancellationToken);
            }
            catch (ConcurrencyConflictException) when (attempt < MaxConflictRetries)
            {
            }
        }
    }

    private async Task<Flowchart> FlowchartOfAsync(WorkflowInstance instance, CancellationToken cancellationToken)
    {
        if (compiler.TryGetCached(instance.DefinitionVersionId, out var cached))
        {
            return cached;
        }

        var definition = await store.FindDefinitionVersionAsync(instance.DefinitionVersionId, cancellationToken)
            ?? throw new WorkflowNotFoundException($"Die Version '{instance.DefinitionVersionId}' des Ablaufs fehlt.");
        return compiler.GetOrCompile(definition);
    }

    /// <summary>Runs <paramref name="burst"/> inside a span of its own and measures it.</summary>
    private static BurstResult Run(string kind, WorkflowInstance instance, Burst burst, Func<Burst, BurstResult> run)
    {
        var before = instance.Status;
        using var span = EngineTelemetry.Start($"burst {kind}");
        EngineTelemetry.Describe(span, instance.DefinitionId, instance.Id, instance.CorrelationId);
        span?.SetTag("foerderworkflow.burst.kind", kind);
        var started = Stopwatch.GetTimestamp();
        try
        {
            var result = run(burst);
            span?.SetTag("foerderworkflow.status", result.Instance.Status.ToString());
            return result with { StatusBefore = before };
        }
        catch (Exception ex)
        {
            EngineTelemetry.Fail(span, ex);
            throw;
        }
        finally
        {
            EngineTelemetry.BurstDuration.Record(
                Stopwatch.GetElapsedTime(started).TotalSeconds,
                new KeyValuePair<string, object?>(EngineTelemetry.DefinitionKey, instance.DefinitionId),
                new KeyValuePair<string, object?>("foerderworkflow.burst.kind", kind));
        }
    }

    private async Task<RunResult> CommitAsync(BurstResult result, bool isNew, string? consumedBookmarkId, bool resolveIncidents, CancellationToken cancellationToken)
    {
        var instance = result.Instance;
        using (var span = EngineTelemetry.Start("commit"))
        {
            EngineTelemetry.Describe(span, instance.DefinitionId, instance.Id, instance.CorrelationId);
            span?.SetTag("foerderworkflow.commit.messages", result.Messages.Count);

            // The outbox rows remember this commit as their trace parent: the relay publishes them later, on another
            // thread or node, and restores it so the consumers' spans join the trace of whatever caused the burst.
            var traceParent = EngineTelemetry.TraceParentOf(span);
            var messages = traceParent is null || result.Messages.Count == 0
                ? result.Messages
                : result.Messages.Select(m => m with { TraceParent = traceParent }).ToList();
            var outcome = "committed";
            var started = Stopwatch.GetTimestamp();
            try
            {
                await store.CommitAsync(
                    new BurstCommit(
                        instance,
                        isNew,
                        consumedBookmarkId,
                        result.NewBookmarks,
                        result.RemovedBookmarkIds,
                        result.Journal,
                        result.Incidents,
                        resolveIncidents,
                        messages,
                        result.Timers),
                    cancellationToken);
            }
            catch (Exception ex)
            {
                outcome = ex.GetType().Name;
                EngineTelemetry.Fail(span, ex);
                throw;
            }
            finally
            {
                EngineTelemetry.CommitDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds, new KeyValuePair<string, object?>("foerderworkflow.commit.outcome", outcome));
            }
        }

        CountOutcome(result);

        // Only now may anything leave the process.
        if (result.Timers.Count > 0)
        {
            timers.OnTimersCommitted(result.Timers);
        }

        if (result.Messages.Count > 0)
        {
            outbox.OnMessagesCommitted();
        }

        return new RunResult(instance.Id, instance.Status, result.NewBookmarks, result.Incidents);
    }

    /// <summary>Counts an instance that this committed burst finished, cancelled or left faulted.</summary>
    private static void CountOutcome(BurstResult result)
    {
        var status = result.Instance.Status;
        if (status == result.StatusBefore)
        {
            return;
        }

        var definition = new KeyValuePair<string, object?>(EngineTelemetry.DefinitionKey, result.Instance.DefinitionId);
        switch (status)
        {
            case WorkflowStatus.Finished or WorkflowStatus.Cancelled:
                EngineTelemetry.InstancesFinished.Add(1, definition, new KeyValuePair<string, object?>("foerderworkflow.status", status.ToString()));
                break;
            case WorkflowStatus.Faulted:
                EngineTelemetry.InstancesFaulted.Add(1, definition);
                break;
        }
    }
}

/// <summary>What a burst was run for; a tag of its span and duration.</summary>
internal static class BurstKind
{
    public const string Start = "start";
    public const string Resume = "resume";
    public const string Timer = "timer";
    public const string Retry = "retry";
    public const string Cancel = "cancel";
}

/// <summary>What a start or resume left behind: the instance's status and what it now waits on.</summary>
public sealed record RunResult(string InstanceId, WorkflowStatus Status, IReadOnlyList<Bookmark> NewBookmarks, IReadOnlyList<Incident> Incidents);

public sealed class WorkflowNotFoundException(string message) : Exception(message);

/// <summary>The instance is in a status that does not allow the requested action.</summary>
public sealed class InstanceStateException(string instanceId, WorkflowStatus status, string action)
    : Exception($"Die Instanz '{instanceId}' ist im Status {status} und kann nicht {action} werden.")
{
    public string InstanceId { get; } = instanceId;
    public WorkflowStatus Status { get; } = status;
}
