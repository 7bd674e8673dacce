using System.Globalization;
using System.Security.Claims;
using System.Text.Json;
using System.Text.Json.Nodes;
using Foerderworkflow.Funding.Activities;
using Foerderworkflow.Funding.Committee;
using Microsoft.AspNetCore.Mvc;

namespace Foerderworkflow.Casework;

/// <summary>The formal review's result; <c>reason</c> for a change request, <c>reasons</c> for inadmissible.</summary>
public sealed record FormalReviewRequest(string? Outcome, [property: MultiLineText] string? Reason, IReadOnlyList<string>? Reasons, [property: MultiLineText] string? Note)
{
    public IResult? Validate()
    {
        var errors = new RequestErrors();
        if (errors.OneOf("outcome", Outcome, FormalReviewActivity.ToDecision, FormalReviewActivity.ChangeRequested, FormalReviewActivity.Inadmissible))
        {
            errors.Text("reason", Reason, required: Outcome == FormalReviewActivity.ChangeRequested);
            errors.Texts("reasons", Reasons, required: Outcome == FormalReviewActivity.Inadmissible);
        }

        errors.Text("note", Note, required: false);
        return errors.ToProblem();
    }

    public JsonObject ToInput() => new()
    {
        ["outcome"] = Outcome,
        ["reason"] = Reason,
        ["reasons"] = Reasons is null ? null : new JsonArray([.. Reasons.Select(r => (JsonNode?)r)]),
        ["note"] = Note,
    };
}

/// <summary>Where the application goes: <c>Session</c> with <c>meetingAt</c>, or <c>WrittenProcedure</c> with <c>closingAt</c>.</summary>
public sealed record RoutingRequest(string? Procedure, DateTimeOffset? MeetingAt, DateTimeOffset? ClosingAt, string? AgendaItem, string? Place = null)
{
    public IResult? Validate(DateTimeOffset now)
    {
        var errors = new RequestErrors();
        if (errors.OneOf("procedure", Procedure, "Session", "WrittenProcedure"))
        {
            var (field, moment) = Procedure == "Session" ? ("meetingAt", MeetingAt) : ("closingAt", ClosingAt);
            if (errors.Required(field, moment))
            {
                if (moment <= now)
                {
                    errors.Add(field, "Der Zeitpunkt muss in der Zukunft liegen.");
                }
                else if (moment > now.AddYears(1))
                {
                    errors.Add(field, "Der Zeitpunkt liegt mehr als ein Jahr in der Zukunft.");
                }
            }
        }

        errors.Text("agendaItem", AgendaItem, required: false, maxLength: 200);
        errors.Text("place", Place, required: false, maxLength: 300);
        return errors.ToProblem();
    }

    public JsonObject ToInput() => new()
    {
        ["procedure"] = Procedure,
        // The activity reads moments as ISO 8601 text.
        ["meetingAt"] = Procedure == "Session" ? MeetingAt?.ToString("O", CultureInfo.InvariantCulture) : null,
        ["closingAt"] = Procedure == "WrittenProcedure" ? ClosingAt?.ToString("O", CultureInfo.InvariantCulture) : null,
        ["agendaItem"] = AgendaItem,
        ["place"] = Procedure == "Session" ? Place : null,
    };
}

/// <summary>
/// Closing the vote. Without <c>outcome</c> the members' ballots are counted: <c>present</c> lists who attended the
/// session (default: everyone who voted or declared a conflict). With <c>outcome</c> the chair records the result
/// (e.g. <c>Defer</c>), and the ballots are discarded.
/// </summary>
public sealed record VoteClosingRequest(IReadOnlyList<string>? Present, [property: MultiLineText] string? Conditions, string? Outcome, [property: MultiLineText] string? Minutes)
{
    public IResult? Validate()
    {
        var errors = new RequestErrors();
        if (Outcome is not null)
        {
            errors.OneOf("outcome", Outcome, CommitteeVoteActivity.Recommend, CommitteeVoteActivity.RecommendWithConditions, CommitteeVoteActivity.Reject, CommitteeVoteActivity.Defer);
        }

        errors.Texts("present", Present, required: false, maxCount: 100);
        errors.Text("conditions", Conditions, required: Outcome == CommitteeVoteActivity.RecommendWithConditions);
        errors.Text("minutes", Minutes, required: false);
        return errors.ToProblem();
    }

    public JsonObject ToInput(CaseFile file, CollectedVotes votes, CommitteeRosters rosters)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(votes);
        ArgumentNullException.ThrowIfNull(rosters);
        if (Outcome is not null)
        {
            return new JsonObject { ["outcome"] = Outcome, ["conditions"] = Conditions, ["minutes"] = Minutes };
        }

        var body = file.Read<RoutingState>(FundingVariables.Routing)?.Body ?? "Begleitausschuss";
        var present = Present ?? [.. votes.Ballots.Select(b => b.VoterId).Concat(votes.Conflicts.Select(c => c.PersonId)).Distinct(StringComparer.Ordinal)];
        return new JsonObject
        {
            ["members"] = JsonSerializer.SerializeToNode(rosters.For(body).Members, FundingVariables.Json),
            ["present"] = JsonSerializer.SerializeToNode(present, FundingVariables.Json),
            ["ballots"] = JsonSerializer.SerializeToNode(votes.Ballots, FundingVariables.Json),
            ["conflicts"] = JsonSerializer.SerializeToNode(votes.Conflicts, FundingVariables.Json),
            ["objections"] = JsonSerializer.SerializeToNode(votes.Objections, FundingVariables.Json),
            ["conditions"] = Conditions,
        };
    }
}
