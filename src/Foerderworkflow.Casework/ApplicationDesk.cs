using Foerderworkflow.Funding.Wording;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Runtime;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Registry;

namespace Foerderworkflow.Casework;

/// <summary>
/// Where every funding action goes through: find the case the caller may see (an applicant only their own — someone
/// else's answers 404, so its existence does not leak), find the task of the step the action completes (else 409 in
/// German, saying what the case waits for), resume it through the runtime and answer with status and next step.
/// </summary>
public sealed class ApplicationDesk(IFundingRegistry registry, IWorkflowStore store, WorkflowRuntime runtime, TimeProvider clock, Idempotency idempotency)
{
    private const int MaxIdLength = 100;

    public IFundingRegistry Registry => registry;

    public DateTimeOffset Now => clock.GetUtcNow();

    /// <summary>The case if it exists and the caller may see it; null otherwise.</summary>
    public async Task<CaseFile?> FindAsync(string applicationId, Caller caller, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(applicationId) || applicationId.Length > MaxIdLength)
        {
            return null;
        }

        var summary = await registry.FindApplicationAsync(applicationId, cancellationToken);
        if (summary is null || (caller.SeesOnlyOwnApplications && !string.Equals(summary.ApplicantSubject, caller.Subject, StringComparison.Ordinal)))
        {
            return null;
        }

        return await LoadAsync(summary.WorkflowInstanceId, cancellationToken);
    }

    public async Task<CaseFile?> LoadAsync(string instanceId, CancellationToken cancellationToken) =>
        await store.GetInstanceDetailsAsync(instanceId, cancellationToken) is { } details ? new CaseFile(details) : null;

    /// <summary>
    /// Completes <paramref name="step"/> of the caller's case with the input <paramref name="prepare"/> builds from the
    /// case (or the problem it finds); nothing changes unless the runtime commits the resume.
    /// </summary>
    public Task<IResult> CompleteAsync(string applicationId, Caller caller, string step, Func<CaseFile, OpenTask, Task<StepInput>> prepare, CancellationToken cancellationToken) =>
        CompleteAsync(applicationId, caller, step, prepare, request: null, cancellationToken);

    /// <summary>
    /// As above, for a request that may be retried (<c>Idempotency-Key</c>): <paramref name="request"/> is recorded in
    /// the case with the resume, in the same commit; a retry finds it there and gets the case as the first answer did
    /// (before the "does not wait for this" check: after the first, the case waits for something else).
    /// </summary>
    public async Task<IResult> CompleteAsync(string applicationId, Caller caller, string step, Func<CaseFile, OpenTask, Task<StepInput>> prepare, HandledRequest? request, CancellationToken cancellationToken)
    {
        var file = await FindAsync(applicationId, caller, cancellationToken);
        if (file is null)
        {
            return NotFound(applicationId);
        }

        if (request is not null && await ReplayAsync(file, request, caller, cancellationToken) is { } replayed)
        {
            return replayed;
        }

        var task = file.TaskFor(step);
        if (task is null)
        {
            // The instance row, its journal and its bookmarks are read one after the other: a commit in between removed
            // the task while the state and journal read before lack its record (a concurrent retry's request, who did
            // the step). Read once more, for the replay and for the answer.
            var fresh = await LoadAsync(file.Instance.Id, cancellationToken) ?? file;
            if (request is not null && await ReplayAsync(fresh, request, caller, cancellationToken) is { } concurrent)
            {
                return concurrent;
            }

            return WrongState(fresh, step);
        }

        // The definition assigns a staff step to a role (a designer may set "Rolle"): of the staff, only that role may
        // complete it, whichever endpoint or page the request came through. Committee members and applicants act on
        // tasks through their own endpoints (an objection ends the KuF's written procedure), which their policies guard.
        if (caller.IsStaff && !caller.HasRole(task.AssigneeRole))
        {
            return NotAssigned(task);
        }

        var input = await prepare(file, task);
        if (input.Problem is { } problem)
        {
            return problem;
        }

        RunResult result;
        try
        {
            result = await runtime.ResumeAsync(task.TaskId, input.Input!, caller.Actor, request, cancellationToken);
        }
        catch (BookmarkAlreadyConsumedException) when (request is not null)
        {
            // A concurrent retry with the same key may have completed the step first: then answer as it did.
            if (await LoadAsync(file.Instance.Id, cancellationToken) is { } now && await ReplayAsync(now, request, caller, cancellationToken) is { } concurrent)
            {
                return concurrent;
            }

            throw;
        }
        catch (BookmarkAlreadyConsumedException)
        {
            // Two people did the same step at once (a double click, two colleagues): the other one's commit came first.
            return AlreadyDone(await LoadAsync(file.Instance.Id, cancellationToken) ?? file, step);
        }

        return Results.Ok(await DescribeAsync(result.InstanceId, caller, cancellationToken));
    }

    private async Task<IResult?> ReplayAsync(CaseFile file, HandledRequest request, Caller caller, CancellationToken cancellationToken) =>
        idempotency.Check(file.Instance, request) switch
        {
            (false, _) => null,
            (true, { } refusal) => refusal,
            _ => Results.Ok(await DescribeAsync(file.Instance.Id, caller, cancellationToken)),
        };

    public Task<IResult> CompleteAsync(string applicationId, Caller caller, string step, JsonObject input, CancellationToken cancellationToken) =>
        CompleteAsync(applicationId, caller, step, (_, _) => Task.FromResult(StepInput.Of(input)), cancellationToken);

    public async Task<ApplicationResponse> DescribeAsync(string instanceId, Caller caller, CancellationToken cancellationToken) =>
        ApplicationResponse.From(await LoadAsync(instanceId, cancellationToken) ?? throw new InvalidOperationException($"Instance '{instanceId}' vanished."), Now, caller);

    /// <summary>403: the step is assigned to another role than the caller's; nothing changed.</summary>
    public static IResult NotAssigned(OpenTask task) =>
        Results.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Nicht zugewiesen",
            detail: $"Den Schritt „{task.Title}“ erledigt laut Ablauf {Lowered(NextStep.Who(task.AssigneeRole))}, nicht Ihre Rolle.");

    private static string Lowered(string who) => string.Concat(char.ToLowerInvariant(who[0]).ToString(), who[1..]);

    public static IResult NotFound(string applicationId) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Nicht gefunden", detail: $"Es gibt keinen Antrag '{Shorten(applicationId)}'.");

    /// <summary>409: the case does not wait for this action; the answer says what it waits for instead.</summary>
    public IResult WrongState(CaseFile file, string step)
    {
        var next = NextStep.Of(file);
        var status = CaseStatus.Of(file, Now);
        return Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Aktion im aktuellen Status nicht möglich",
            detail: $"Der Antrag {file.Application.FileNumber} ({CaseStatus.Text(status)}) wartet nicht auf {FundingSteps.Describe(step)}.{DoneBy(file, step)} {next.Text}",
            extensions: new Dictionary<string, object?> { ["caseStatus"] = status.ToString(), ["nextStep"] = next });
    }

    /// <summary>409 for the loser of two concurrent completions of a step: who is told, in German, that it is done and what comes next.</summary>
    private IResult AlreadyDone(CaseFile file, string step)
    {
        var next = NextStep.Of(file);
        var status = CaseStatus.Of(file, Now);
        var what = FundingSteps.Describe(step);
        var done = file.LastDone(step);
        var by = done?.Actor is { } actor ? actor : "jemand anderes";
        return Results.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: "Schritt bereits erledigt",
            detail: $"{char.ToUpperInvariant(what[0])}{what[1..]} zum Antrag {file.Application.FileNumber} hat gerade {by} erledigt (am {German.Moment(done?.At ?? file.Instance.UpdatedAt)}); "
                + $"Ihre Eingabe wurde nicht übernommen. Stand jetzt: {CaseStatus.Text(status)}. {next.Text}",
            extensions: new Dictionary<string, object?> { ["caseStatus"] = status.ToString(), ["nextStep"] = next });
    }

    /// <summary>" Die formale Prüfung … hat kuf am 02.03.2027, 10:00 Uhr erledigt." when the journal names who did the step last; else empty.</summary>
    private static string DoneBy(CaseFile file, string step)
    {
        if (file.LastDone(step) is not { Actor: { } actor } done)
        {
            return string.Empty;
        }

        var what = FundingSteps.Describe(step);
        return $" {char.ToUpperInvariant(what[0])}{what[1..]} hat {actor} am {German.Moment(done.At)} erledigt.";
    }

    private static string Shorten(string id) => id.Length > MaxIdLength ? id[..MaxIdLength] + "…" : id;
}

/// <summary>The resume input of a step, or the problem that refuses the action before anything changes.</summary>
public sealed record StepInput(JsonObject? Input, IResult? Problem)
{
    public static StepInput Of(JsonObject input) => new(input, null);

    public static StepInput Refuse(IResult problem) => new(null, problem);
}
