using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Committee;

namespace Foerderworkflow.Casework;

/// <summary>
/// The committee members' side, for the API and the portal: the open votes of the bodies a member sits on, declaring
/// a conflict of interest, casting (or changing) a ballot, objecting to a written procedure. Ballots are collected per
/// vote until the KuF closes it (<see cref="StepDesk.CloseVoteAsync"/>).
/// </summary>
public sealed class CommitteeDesk(IWorkflowStore store, ApplicationDesk desk, ICommitteeBallotBox box, CommitteeRosters rosters)
{
    private const int MaxOpenTasks = 1_000;

    public async Task<IReadOnlyList<OpenVote>> ListOpenVotesAsync(Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        var votes = new List<OpenVote>();
        var tasks = (await store.ListBookmarksAsync(FundingTaskActivity.BookmarkName, MaxOpenTasks, ct))
            .Select(OpenTask.From)
            .Where(t => t.Step == FundingSteps.CommitteeVote);
        foreach (var task in tasks)
        {
            if (await desk.LoadAsync(task.InstanceId, ct) is not { } file
                || file.Read<RoutingState>(FundingVariables.Routing) is not { } routing
                || !rosters.IsMember(routing.Body, caller.Subject))
            {
                continue;
            }

            votes.Add(OpenVote.From(file, task, routing, await box.ReadAsync(VoteKey(file, task), ct), caller.Subject));
        }

        return votes;
    }

    /// <summary>The open vote on one application as the caller sees it (their own ballot included); null when there is none for them.</summary>
    public async Task<OpenVote?> FindOpenVoteAsync(string applicationId, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await desk.FindAsync(applicationId, caller, ct) is not { } file
            || file.TaskFor(FundingSteps.CommitteeVote) is not { } task
            || file.Read<RoutingState>(FundingVariables.Routing) is not { } routing
            || !rosters.IsMember(routing.Body, caller.Subject))
        {
            return null;
        }

        return OpenVote.From(file, task, routing, await box.ReadAsync(VoteKey(file, task), ct), caller.Subject);
    }

    /// <summary>The ballot sheet of the open vote on a case, for the KuF's live tally; null when the case has no open vote.</summary>
    public async Task<CollectedVotes?> ReadSheetAsync(CaseFile file, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(file);
        return file.TaskFor(FundingSteps.CommitteeVote) is { } task ? await box.ReadAsync(VoteKey(file, task), ct) : null;
    }

    public async Task<IResult> DeclareConflictAsync(string applicationId, ConflictRequest request, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new RequestErrors();
        errors.Text("reason", request.Reason, maxLength: 500);
        return errors.ToProblem() ?? await OnOpenVoteAsync(applicationId, caller, async (file, task) =>
        {
            if (Closed(file) is { } closed)
            {
                return closed;
            }

            await box.DeclareConflictAsync(VoteKey(file, task), new ConflictOfInterest(caller.Subject, request.Reason!.Trim(), caller.Subject), ct);
            return await ReceiptAsync(file, task, caller, "Ihre Befangenheit ist erfasst; Sie stimmen bei diesem Antrag nicht mit ab.", ct);
        }, ct);
    }

    public async Task<IResult> CastAsync(string applicationId, BallotRequest request, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new RequestErrors();
        errors.OneOf("choice", request.Choice, nameof(VoteChoice.For), nameof(VoteChoice.Against), nameof(VoteChoice.Abstain));
        return errors.ToProblem() ?? await OnOpenVoteAsync(applicationId, caller, async (file, task) =>
        {
            if (Closed(file) is { } closed)
            {
                return closed;
            }

            var ballot = new Ballot(caller.Subject, Enum.Parse<VoteChoice>(request.Choice!)) { CastAt = desk.Now };
            return await box.CastAsync(VoteKey(file, task), ballot, ct)
                ? await ReceiptAsync(file, task, caller, "Ihre Stimme ist erfasst. Sie können sie bis zum Schluss der Abstimmung ändern.", ct)
                : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Befangen",
                    detail: "Sie haben sich bei diesem Antrag für befangen erklärt und stimmen nicht mit ab.");
        }, ct);
    }

    public async Task<IResult> ObjectAsync(string applicationId, ObjectionRequest request, Caller caller, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new RequestErrors();
        errors.Text("reason", request.Reason, required: false, maxLength: 500);
        return errors.ToProblem() ?? await OnOpenVoteAsync(applicationId, caller, async (file, task) =>
        {
            if (Closed(file) is { } closed)
            {
                return closed;
            }

            if (file.Read<RoutingState>(FundingVariables.Routing) is not { Procedure: "WrittenProcedure" })
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Kein Umlaufverfahren",
                    detail: "Widersprechen kann man nur einem Umlaufverfahren; über diesen Antrag wird in einer Sitzung beraten.");
            }

            var vote = VoteKey(file, task);
            if (!await box.ObjectAsync(vote, new Objection(caller.Subject, desk.Now, request.Reason?.Trim()), ct))
            {
                return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Befangen",
                    detail: "Sie haben sich bei diesem Antrag für befangen erklärt und wirken am Verfahren nicht mit.");
            }

            // The objection ends the written procedure now: the count records it, and the case goes back to the
            // KuF, who puts it on the agenda of the next session.
            var ended = await desk.CompleteAsync(applicationId, caller, FundingSteps.CommitteeVote, async (current, _) =>
                StepInput.Of(new VoteClosingRequest(null, null, null, null).ToInput(current, await box.ReadAsync(vote, ct), rosters)), ct);
            if (ended is IStatusCodeHttpResult { StatusCode: StatusCodes.Status200OK })
            {
                await box.DiscardAsync(vote, CancellationToken.None);
            }

            return ended;
        }, ct);
    }

    /// <summary>
    /// The vote's ballot sheet: the application and the vote's first task (new for every round). A written procedure
    /// whose closing date passed waits on a second task, which names the first in its data (<c>voteId</c>).
    /// </summary>
    public static CommitteeVoteKey VoteKey(CaseFile file, OpenTask task)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(task);
        return new(file.Application.ApplicationId, task.Data?["voteId"]?.GetValue<string>() ?? task.TaskId);
    }

    /// <summary>Runs <paramref name="act"/> if the application has an open vote of a body the caller sits on.</summary>
    private async Task<IResult> OnOpenVoteAsync(string applicationId, Caller caller, Func<CaseFile, OpenTask, Task<IResult>> act, CancellationToken ct)
    {
        if (await desk.FindAsync(applicationId, caller, ct) is not { } file)
        {
            return ApplicationDesk.NotFound(applicationId);
        }

        if (file.TaskFor(FundingSteps.CommitteeVote) is not { } task)
        {
            return desk.WrongState(file, FundingSteps.CommitteeVote);
        }

        var body = file.Read<RoutingState>(FundingVariables.Routing)?.Body ?? "Begleitausschuss";
        return rosters.IsMember(body, caller.Subject)
            ? await act(file, task)
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Nicht stimmberechtigt", detail: $"Sie gehören nicht zum {body}.");
    }

    /// <summary>409 once a written procedure's closing date has passed: what arrives later does not count.</summary>
    private IResult? Closed(CaseFile file) =>
        file.Read<RoutingState>(FundingVariables.Routing) is { Procedure: "WrittenProcedure", ClosingAt: { } closingAt } && desk.Now > closingAt
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Abstimmung beendet",
                detail: $"Das Umlaufverfahren endete am {NextStep.Moment(closingAt)}; es werden keine Stimmen oder Erklärungen mehr angenommen.")
            : null;

    private async Task<IResult> ReceiptAsync(CaseFile file, OpenTask task, Caller caller, string message, CancellationToken ct)
    {
        var routing = file.Read<RoutingState>(FundingVariables.Routing)!;
        return Results.Ok(new VoteReceipt(message, OpenVote.From(file, task, routing, await box.ReadAsync(VoteKey(file, task), ct), caller.Subject)));
    }
}
