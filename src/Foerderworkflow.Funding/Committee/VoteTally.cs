using Foerderworkflow.Funding.Wording;
using System.Globalization;
using Foerderworkflow.Funding.Validation;

namespace Foerderworkflow.Funding.Committee;

/// <summary>
/// Turns a vote on one application into a <see cref="Resolution"/>: one vote per seat (the member's, or the deputy's
/// when the member is absent), recused persons neither vote nor count for the quorum, a simple majority of the votes
/// cast carries the motion, and a tie rejects. Pure: the same input always gives the same resolution. Ballots nobody
/// may cast are refused with a <see cref="FundingRuleViolationException"/> naming the ballot.
/// </summary>
public static class VoteTally
{
    public static Resolution Session(SessionVote vote, CommitteeRules rules)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new ErrorCollector();
        var present = new HashSet<string>(vote.Present, StringComparer.Ordinal);
        var conflicts = ReadConflicts(vote.Roster, vote.Conflicts, errors);
        foreach (var person in present.Where(p => vote.Roster.Find(p) is null))
        {
            errors.Add("present", $"'{person}' gehört nicht zum Gremium.");
        }

        // The holder of each seat: the member if present, else the deputy if present.
        var holders = new Dictionary<string, Participant>(StringComparer.Ordinal);
        foreach (var member in vote.Roster.Members)
        {
            if (present.Contains(member.Id))
            {
                holders[member.Id] = new Participant(member.Id, member.Id, AsDeputy: false);
            }
            else if (member.Deputy is { } deputy && present.Contains(deputy.Id))
            {
                holders[member.Id] = new Participant(deputy.Id, member.Id, AsDeputy: true);
            }
        }

        var ballots = new List<Ballot>();
        var voted = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < vote.Ballots.Count; i++)
        {
            var ballot = vote.Ballots[i];
            var field = $"ballots[{i}].voterId";
            var seat = vote.Roster.Find(ballot.VoterId);
            if (seat is null)
            {
                errors.Add(field, $"'{ballot.VoterId}' gehört nicht zum Gremium.");
            }
            else if (conflicts.ContainsKey(ballot.VoterId))
            {
                errors.Add(field, $"'{ballot.VoterId}' ist bei diesem Antrag befangen und darf nicht abstimmen.");
            }
            else if (!present.Contains(ballot.VoterId))
            {
                errors.Add(field, $"'{ballot.VoterId}' ist nicht anwesend.");
            }
            else if (!holders.TryGetValue(seat.Value.Seat.Id, out var holder) || !string.Equals(holder.PersonId, ballot.VoterId, StringComparison.Ordinal))
            {
                errors.Add(field, $"Die Stellvertretung '{ballot.VoterId}' darf nur abstimmen, wenn das Mitglied '{seat.Value.Seat.Id}' abwesend ist.");
            }
            else if (!voted.Add(ballot.VoterId))
            {
                errors.Add(field, $"'{ballot.VoterId}' hat bereits abgestimmt; jede Person hat eine Stimme.");
            }
            else if (!Enum.IsDefined(ballot.Choice))
            {
                errors.Add($"ballots[{i}].choice", "Unbekannte Stimme.");
            }
            else
            {
                ballots.Add(ballot);
            }
        }

        errors.ThrowIfAny();
        return Decide(vote.ApplicationId, VotingProcedure.Session, vote.Roster, rules, vote.Motion, holders.Values, conflicts, ballots, objections: []);
    }

    /// <summary>
    /// Closes a written procedure at <paramref name="now"/>. Before the closing date it may close only when every seat
    /// that can respond has responded. Any objection moves the application to the next session.
    /// </summary>
    public static Resolution WrittenProcedure(WrittenProcedureVote vote, CommitteeRules rules, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(vote);
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new ErrorCollector();
        var conflicts = ReadConflicts(vote.Roster, vote.Conflicts, errors);

        // Responses in time, by person: the first ballot or objection counts.
        var responded = new Dictionary<string, object>(StringComparer.Ordinal);
        for (var i = 0; i < vote.Ballots.Count; i++)
        {
            var ballot = vote.Ballots[i];
            if (ballot.CastAt is null)
            {
                errors.Add($"ballots[{i}].castAt", "Im Umlaufverfahren braucht jede Stimme ihren Eingangszeitpunkt.");
            }
            else if (CheckResponder(vote.Roster, conflicts, ballot.VoterId, $"ballots[{i}].voterId", errors)
                && ballot.CastAt <= vote.ClosingAt && !responded.TryAdd(ballot.VoterId, ballot))
            {
                errors.Add($"ballots[{i}].voterId", $"'{ballot.VoterId}' hat bereits geantwortet; jede Person hat eine Stimme.");
            }
        }

        for (var i = 0; i < vote.Objections.Count; i++)
        {
            var objection = vote.Objections[i];
            if (CheckResponder(vote.Roster, conflicts, objection.PersonId, $"objections[{i}].personId", errors)
                && objection.At <= vote.ClosingAt && !responded.TryAdd(objection.PersonId, objection))
            {
                errors.Add($"objections[{i}].personId", $"'{objection.PersonId}' hat bereits geantwortet.");
            }
        }

        errors.ThrowIfAny();

        var holders = new Dictionary<string, Participant>(StringComparer.Ordinal);
        foreach (var member in vote.Roster.Members)
        {
            if (responded.ContainsKey(member.Id))
            {
                holders[member.Id] = new Participant(member.Id, member.Id, AsDeputy: false);
            }
            else if (member.Deputy is { } deputy && responded.ContainsKey(deputy.Id))
            {
                holders[member.Id] = new Participant(deputy.Id, member.Id, AsDeputy: true);
            }
        }

        var openSeats = vote.Roster.Members.Count(m => !holders.ContainsKey(m.Id) && !conflicts.ContainsKey(m.Id));
        // An objection ends the written procedure at once (the item goes to the next session); otherwise it runs to its
        // closing date unless everyone has answered.
        if (now < vote.ClosingAt && openSeats > 0 && !responded.Values.OfType<Objection>().Any())
        {
            throw new FundingRuleViolationException("closingAt",
                $"Das Umlaufverfahren läuft bis {German.Moment(vote.ClosingAt)}; {German.Count(openSeats, "stimmberechtigtes Mitglied hat", "stimmberechtigte Mitglieder haben")} noch nicht geantwortet.");
        }

        var counted = holders.Values.Select(h => responded[h.PersonId]).ToList();
        return Decide(vote.ApplicationId, VotingProcedure.WrittenProcedure, vote.Roster, rules, vote.Motion, holders.Values, conflicts,
            [.. counted.OfType<Ballot>()], [.. counted.OfType<Objection>()]);
    }

    private static Resolution Decide(
        string applicationId, VotingProcedure procedure, CommitteeRoster roster, CommitteeRules rules, Motion motion,
        IEnumerable<Participant> holders, Dictionary<string, ConflictOfInterest> conflicts, IReadOnlyList<Ballot> ballots, IReadOnlyList<Objection> objections)
    {
        var recusals = new List<Recusal>();
        foreach (var (personId, conflict) in conflicts)
        {
            recusals.Add(new Recusal(personId, roster.Find(personId)!.Value.Seat.Id, conflict.Reason, conflict.DeclaredBy));
        }

        var seatOrder = roster.Members.Select((m, i) => (m.Id, i)).ToDictionary(x => x.Id, x => x.i, StringComparer.Ordinal);
        var participants = holders.Where(h => !conflicts.ContainsKey(h.PersonId)).OrderBy(h => seatOrder[h.SeatMemberId]).ToList();
        var quorumBase = rules.QuorumBase == QuorumBase.AllSeats ? roster.Seats : roster.Members.Count(m => !conflicts.ContainsKey(m.Id));
        var required = rules.RequiredForQuorum(quorumBase);
        var votesFor = ballots.Count(b => b.Choice == VoteChoice.For);
        var votesAgainst = ballots.Count(b => b.Choice == VoteChoice.Against);
        var abstentions = ballots.Count(b => b.Choice == VoteChoice.Abstain);

        (ResolutionOutcome Outcome, DeferralReason? Reason) result =
            objections.Count > 0 ? (ResolutionOutcome.Defer, DeferralReason.Objection)
            : participants.Count < required ? (ResolutionOutcome.Defer, DeferralReason.NoQuorum)
            : votesFor > votesAgainst ? (motion.Proposed, null)
            : (ResolutionOutcome.Reject, null);

        return new Resolution
        {
            ApplicationId = applicationId,
            Procedure = procedure,
            Outcome = result.Outcome,
            Conditions = result.Outcome == ResolutionOutcome.RecommendWithConditions ? motion.Conditions : null,
            DeferralReason = result.Reason,
            Seats = roster.Seats,
            QuorumRequired = required,
            Participants = participants,
            Recusals = recusals,
            Objections = objections,
            VotesFor = votesFor,
            VotesAgainst = votesAgainst,
            Abstentions = abstentions,
            Names = roster.Members
                .SelectMany(m => m.Deputy is { } deputy ? new[] { (m.Id, m.Name), (deputy.Id, deputy.Name) } : [(m.Id, m.Name)])
                .ToDictionary(p => p.Item1, p => p.Item2, StringComparer.Ordinal),
        };
    }

    private static Dictionary<string, ConflictOfInterest> ReadConflicts(CommitteeRoster roster, IReadOnlyList<ConflictOfInterest> declared, ErrorCollector errors)
    {
        var conflicts = new Dictionary<string, ConflictOfInterest>(StringComparer.Ordinal);
        for (var i = 0; i < declared.Count; i++)
        {
            var conflict = declared[i];
            if (roster.Find(conflict.PersonId) is null)
            {
                errors.Add($"conflicts[{i}].personId", $"'{conflict.PersonId}' gehört nicht zum Gremium.");
            }
            else if (errors.Text($"conflicts[{i}].reason", conflict.Reason, 500, "Der Grund der Befangenheit", multiLine: true)
                && errors.Text($"conflicts[{i}].declaredBy", conflict.DeclaredBy, 100, "Wer die Befangenheit erklärt"))
            {
                conflicts.TryAdd(conflict.PersonId, conflict);
            }
        }

        return conflicts;
    }

    private static bool CheckResponder(CommitteeRoster roster, Dictionary<string, ConflictOfInterest> conflicts, string personId, string field, ErrorCollector errors)
    {
        if (roster.Find(personId) is null)
        {
            errors.Add(field, $"'{personId}' gehört nicht zum Gremium.");
            return false;
        }

        if (conflicts.ContainsKey(personId))
        {
            errors.Add(field, $"'{personId}' ist bei diesem Antrag befangen und darf nicht abstimmen.");
            return false;
        }

        return true;
    }
}
