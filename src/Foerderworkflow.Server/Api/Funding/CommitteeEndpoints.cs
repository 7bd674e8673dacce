using System.Security.Claims;
using Foerderworkflow.Engine.Storage;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Committee;
using Foerderworkflow.Server.Api;
using Foerderworkflow.Server.Security;
using Microsoft.AspNetCore.Mvc;
using Foerderworkflow.Casework;

namespace Foerderworkflow.Server.Api.Funding;

/// <summary>
/// The committee members' side: the open votes of the bodies they sit on, declaring a conflict of interest, casting
/// a ballot. Ballots are collected per vote until the KuF closes it (<c>vote-closing</c>); see docs/api.md.
/// </summary>
internal static class CommitteeEndpoints
{
    private const int MaxOpenTasks = 1_000;

    public static void Map(IEndpointRouteBuilder app, RouteGroupBuilder applications)
    {
        app.MapGet("/api/votes", ListOpenVotesAsync)
            .RequireAuthorization(Policies.CommitteeMember)
            .WithTags("Förderung: Gremium")
            .WithSummary("Offene Abstimmungen der Gremien, in denen die angemeldete Person Mitglied oder Stellvertretung ist, mit ihrer eigenen Stimme.");

        applications.MapPost("/{applicationId}/conflicts", async (string applicationId, ConflictRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, [FromServices] ICommitteeBallotBox box, [FromServices] CommitteeRosters rosters, CancellationToken ct) =>
            {
                var errors = new RequestErrors();
                errors.Text("reason", request.Reason, maxLength: 500);
                return errors.ToProblem() ?? await OnOpenVoteAsync(applicationId, user, desk, rosters, async (caller, file, task) =>
                {
                    if (Closed(file, desk) is { } closed)
                    {
                        return closed;
                    }

                    await box.DeclareConflictAsync(VoteKey(file, task), new ConflictOfInterest(caller.Subject, request.Reason!.Trim(), caller.Subject), ct);
                    return await ReceiptAsync(file, task, box, caller, "Ihre Befangenheit ist erfasst; Sie stimmen bei diesem Antrag nicht mit ab.", ct);
                }, ct);
            })
            .RequireAuthorization(Policies.CommitteeMember)
            .WithSummary("Befangenheit erklären: die Person stimmt bei diesem Antrag nicht ab und zählt nicht für die Beschlussfähigkeit.");

        applications.MapPost("/{applicationId}/votes", async (string applicationId, BallotRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, [FromServices] ICommitteeBallotBox box, [FromServices] CommitteeRosters rosters, CancellationToken ct) =>
            {
                var errors = new RequestErrors();
                errors.OneOf("choice", request.Choice, nameof(VoteChoice.For), nameof(VoteChoice.Against), nameof(VoteChoice.Abstain));
                return errors.ToProblem() ?? await OnOpenVoteAsync(applicationId, user, desk, rosters, async (caller, file, task) =>
                {
                    if (Closed(file, desk) is { } closed)
                    {
                        return closed;
                    }

                    var ballot = new Ballot(caller.Subject, Enum.Parse<VoteChoice>(request.Choice!)) { CastAt = desk.Now };
                    return await box.CastAsync(VoteKey(file, task), ballot, ct)
                        ? await ReceiptAsync(file, task, box, caller, "Ihre Stimme ist erfasst. Sie können sie bis zum Schluss der Abstimmung ändern.", ct)
                        : Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Befangen",
                            detail: "Sie haben sich bei diesem Antrag für befangen erklärt und stimmen nicht mit ab.");
                }, ct);
            })
            .RequireAuthorization(Policies.CommitteeMember)
            .WithSummary("Stimme abgeben (For, Against, Abstain); eine erneute Abgabe ersetzt die vorige bis zum Schluss der Abstimmung.");

        applications.MapPost("/{applicationId}/objections", async (string applicationId, ObjectionRequest request, ClaimsPrincipal user, [FromServices] ApplicationDesk desk, [FromServices] ICommitteeBallotBox box, [FromServices] CommitteeRosters rosters, CancellationToken ct) =>
            {
                var errors = new RequestErrors();
                errors.Text("reason", request.Reason, required: false, maxLength: 500);
                return errors.ToProblem() ?? await OnOpenVoteAsync(applicationId, user, desk, rosters, async (caller, file, task) =>
                {
                    if (Closed(file, desk) is { } closed)
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
            })
            .RequireAuthorization(Policies.CommitteeMember)
            .WithSummary("Dem Umlaufverfahren widersprechen: beendet es sofort; der Antrag kommt auf die Tagesordnung der nächsten Sitzung.");
    }

    private static async Task<IResult> ListOpenVotesAsync(ClaimsPrincipal user, [FromServices] IWorkflowStore store, [FromServices] ApplicationDesk desk, [FromServices] ICommitteeBallotBox box, [FromServices] CommitteeRosters rosters, CancellationToken ct)
    {
        var caller = Caller.From(user);
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

        return Results.Ok(votes);
    }

    /// <summary>Runs <paramref name="act"/> if the application has an open vote of a body the caller sits on.</summary>
    private static async Task<IResult> OnOpenVoteAsync(string applicationId, ClaimsPrincipal user, ApplicationDesk desk, CommitteeRosters rosters, Func<Caller, CaseFile, OpenTask, Task<IResult>> act, CancellationToken ct)
    {
        var caller = Caller.From(user);
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
            ? await act(caller, file, task)
            : Results.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Nicht stimmberechtigt", detail: $"Sie gehören nicht zum {body}.");
    }

    /// <summary>409 once a written procedure's closing date has passed: what arrives later does not count.</summary>
    private static IResult? Closed(CaseFile file, ApplicationDesk desk) =>
        file.Read<RoutingState>(FundingVariables.Routing) is { Procedure: "WrittenProcedure", ClosingAt: { } closingAt } && desk.Now > closingAt
            ? Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Abstimmung beendet",
                detail: $"Das Umlaufverfahren endete am {NextStep.Moment(closingAt)}; es werden keine Stimmen oder Erklärungen mehr angenommen.")
            : null;

    /// <summary>
    /// The vote's ballot sheet: the application and the vote's first task (new for every round). A written procedure
    /// whose closing date passed waits on a second task, which names the first in its data (<c>voteId</c>).
    /// </summary>
    internal static CommitteeVoteKey VoteKey(CaseFile file, OpenTask task) =>
        new(file.Application.ApplicationId, task.Data?["voteId"]?.GetValue<string>() ?? task.TaskId);

    private static async Task<IResult> ReceiptAsync(CaseFile file, OpenTask task, ICommitteeBallotBox box, Caller caller, string message, CancellationToken ct)
    {
        var routing = file.Read<RoutingState>(FundingVariables.Routing)!;
        return Results.Ok(new VoteReceipt(message, OpenVote.From(file, task, routing, await box.ReadAsync(VoteKey(file, task), ct), caller.Subject)));
    }
}
