using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Engine.Activities;
using Foerderworkflow.Funding.Committee;
using Foerderworkflow.Funding.Validation;
using Foerderworkflow.Funding.Wording;

namespace Foerderworkflow.Funding.Activities;

/// <summary>
/// Waits for the deciding body's vote on the application. Resumed either with the ballots of the session (or written
/// procedure), which <see cref="VoteTally"/> counts — deputies, conflicts of interest, quorum, tie rejects — or with a
/// result the chair recorded (<c>outcome</c>). The minutes entry lands in the variable <c>resolution</c>. A written
/// procedure's task falls due at the closing date (a timer): it then stays open as "count the responses" (data
/// <c>closed</c>, and <c>voteId</c>: the first task's id, under which the members' ballots were collected), since the
/// ballots reach the system only with the KuF's count.
/// </summary>
[OutcomeLabel("Recommend", "Empfohlen")]
[OutcomeLabel("RecommendWithConditions", "Mit Auflagen empfohlen")]
[OutcomeLabel("Reject", "Abgelehnt")]
[OutcomeLabel("Defer", "Vertagt")]
[Activity("Foerderworkflow.Funding.CommitteeVote", "Förderung", "Abstimmung des Gremiums",
    "Wartet auf das Votum des Begleitausschusses oder Jugendforums (Stimmen werden ausgezählt: Stellvertretung, Befangenheit, Beschlussfähigkeit, Stimmengleichheit = abgelehnt).",
    Outcomes = [Recommend, RecommendWithConditions, Reject, Defer], RequiredOutcomes = [Recommend, RecommendWithConditions, Reject, Defer])]
public sealed class CommitteeVoteActivity : FundingTaskActivity
{
    public const string Recommend = "Recommend";
    public const string RecommendWithConditions = "RecommendWithConditions";
    public const string Reject = "Reject";
    public const string Defer = "Defer";
    private const string KufRole = "kuf";

    public override ActivityResult Execute(ActivityContext context)
    {
        var routing = FundingVariables.Read<RoutingState>(context, FundingVariables.Routing);

        // A written procedure falls due at its closing date: then the task says that the responses can be counted.
        var closingAt = IsWritten(routing) ? routing.ClosingAt : null;
        return Wait(context, KufRole, $"Votum erfassen ({routing.Body})", closingAt, Data(routing, closed: false));
    }

    public override ActivityResult Resume(ActivityContext context, Resumption resumption)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(resumption);
        if (resumption.ByTimer)
        {
            // The closing date passed: responses arriving later do not count; the task stays open, without a timer.
            // The new task keeps the vote's id, the first task's, under which the ballots cast in time were collected.
            var routing = FundingVariables.Read<RoutingState>(context, FundingVariables.Routing);
            var voteId = resumption.BookmarkPayload["data"]?["voteId"]?.GetValue<string>() ?? resumption.BookmarkId;
            return ActivityResult.Suspend(TaskBookmark(context, KufRole, $"Umlaufverfahren beendet: Stimmen auszählen ({routing.Body})", routing.ClosingAt, Data(routing, closed: true, voteId), timer: false));
        }

        var input = resumption.Input;
        ResolutionState state;
        if (input["ballots"] is null)
        {
            var outcome = ReadOutcome(resumption, Recommend, RecommendWithConditions, Reject, Defer);
            var conditions = ResumeInput.OptionalText(input, "conditions");
            if (outcome == RecommendWithConditions && conditions is null)
            {
                throw new InvalidResumeInputException("conditions", "Eine Empfehlung mit Auflagen nennt die Auflagen.");
            }

            state = new ResolutionState(outcome, 0, 0, 0, conditions, ResumeInput.OptionalText(input, "minutes"), outcome == Defer ? ResolutionState.Deferred : null);
        }
        else
        {
            var routing = FundingVariables.Read<RoutingState>(context, FundingVariables.Routing);
            if (!IsWritten(routing) && routing.MeetingAt is { } meetingAt && context.Now < meetingAt)
            {
                // A session's vote is taken in the session; a result recorded earlier (the session was brought forward) comes as the chair's result.
                throw new InvalidResumeInputException("outcome",
                    $"Die Sitzung beginnt erst am {German.Moment(meetingAt)}; erst dann können die Stimmen ausgezählt werden. Hat das Gremium schon getagt, bitte das von der Sitzungsleitung festgestellte Ergebnis mit „outcome“ erfassen.")
                { NotYet = true };
            }

            var resolution = Tally(context, input);
            var decidedAt = IsWritten(routing) ? context.Now : routing.MeetingAt ?? context.Now;
            state = new ResolutionState(resolution.Outcome.ToString(), resolution.VotesFor, resolution.VotesAgainst, resolution.Abstentions, resolution.Conditions,
                resolution.ToMinutesText(decidedAt, routing.AgendaItem), resolution.DeferralReason?.ToString());
        }

        FundingVariables.Write(context, FundingVariables.Resolution, state);
        return ActivityResult.Outcome(state.Outcome);
    }

    private static Resolution Tally(ActivityContext context, JsonObject input)
    {
        var application = FundingVariables.Read<ApplicationCase>(context, FundingVariables.Application);
        var routing = FundingVariables.Read<RoutingState>(context, FundingVariables.Routing);
        var conditions = ResumeInput.OptionalText(input, "conditions");
        var motion = conditions is null ? Motion.Recommend() : Motion.RecommendWithConditions(conditions);
        var roster = new CommitteeRoster(Parse<List<CommitteeMember>>(input, "members") ?? []);
        if (roster.Validate() is [var rosterError, ..])
        {
            throw new InvalidResumeInputException(rosterError.Field, rosterError.Message);
        }

        try
        {
            var ballots = Parse<List<Ballot>>(input, "ballots") ?? [];
            var conflicts = Parse<List<ConflictOfInterest>>(input, "conflicts") ?? [];
            return IsWritten(routing) && routing.ClosingAt is { } closingAt
                ? VoteTally.WrittenProcedure(new WrittenProcedureVote
                {
                    ApplicationId = application.FileNumber,
                    Roster = roster,
                    Motion = motion,
                    ClosingAt = closingAt,
                    Ballots = ballots,
                    Conflicts = conflicts,
                    Objections = Parse<List<Objection>>(input, "objections") ?? [],
                }, CommitteeRules.Default, context.Now)
                : VoteTally.Session(new SessionVote
                {
                    ApplicationId = application.FileNumber,
                    Roster = roster,
                    Motion = motion,
                    Present = Parse<List<string>>(input, "present") ?? [],
                    Ballots = ballots,
                    Conflicts = conflicts,
                }, CommitteeRules.Default);
        }
        catch (FundingRuleViolationException ex)
        {
            var first = ex.Errors.Count > 0 ? ex.Errors[0] : null;
            throw new InvalidResumeInputException(first?.Field ?? "ballots", string.Join(" ", ex.Errors.Select(e => e.Message)));
        }
    }

    private static bool IsWritten(RoutingState routing) => routing.Procedure == "WrittenProcedure";

    /// <summary>The task's data; <paramref name="voteId"/> names the vote when it is not the task's own id (the first task of the vote).</summary>
    private static JsonObject Data(RoutingState routing, bool closed, string? voteId = null)
    {
        var data = new JsonObject
        {
            ["procedure"] = routing.Procedure,
            ["meetingAt"] = routing.MeetingAt,
            ["closingAt"] = routing.ClosingAt,
            ["closed"] = closed,
        };
        if (!string.IsNullOrEmpty(voteId))
        {
            data["voteId"] = voteId;
        }

        return data;
    }

    private static T? Parse<T>(JsonObject input, string field)
    {
        try
        {
            return input[field] is { } node ? node.Deserialize<T>(FundingVariables.Json) : default;
        }
        catch (JsonException ex)
        {
            throw new InvalidResumeInputException(field, $"Unlesbare Angabe: {ex.Message}");
        }
    }
}
