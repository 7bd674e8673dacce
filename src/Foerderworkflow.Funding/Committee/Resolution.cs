using System.Globalization;
using System.Text;
using Foerderworkflow.Funding.Wording;

namespace Foerderworkflow.Funding.Committee;

/// <summary>
/// The committee's resolution on one application and its minutes entry: who took part (and for which seat), the
/// recusals, the votes for/against/abstaining, quorum, objections and the outcome.
/// </summary>
public sealed record Resolution
{
    public required string ApplicationId { get; init; }

    public required VotingProcedure Procedure { get; init; }

    public required ResolutionOutcome Outcome { get; init; }

    /// <summary>The conditions of a recommendation with conditions.</summary>
    public string? Conditions { get; init; }

    public DeferralReason? DeferralReason { get; init; }

    public required int Seats { get; init; }

    public required int QuorumRequired { get; init; }

    public bool Quorate => Participants.Count >= QuorumRequired;

    public required IReadOnlyList<Participant> Participants { get; init; }

    public required IReadOnlyList<Recusal> Recusals { get; init; }

    public IReadOnlyList<Objection> Objections { get; init; } = [];

    public int VotesFor { get; init; }

    public int VotesAgainst { get; init; }

    public int Abstentions { get; init; }

    /// <summary>The names of the people on the roster, by id, for the minutes (which name people, not login ids).</summary>
    public IReadOnlyDictionary<string, string> Names { get; init; } = new Dictionary<string, string>();

    /// <summary>
    /// The minutes entry in German: when and how the body decided (<paramref name="decidedAt"/>: the session, or the
    /// close of the written procedure; <paramref name="agendaItem"/>), the outcome, who took part, the votes, recusals
    /// and objections, people by name.
    /// </summary>
    public string ToMinutesText(DateTimeOffset? decidedAt = null, string? agendaItem = null)
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        var how = Procedure == VotingProcedure.Session ? "Sitzung" : "Umlaufverfahren";
        if (decidedAt is { } at)
        {
            text.Append(invariant, $"Beschluss vom {German.Moment(at)} ({how}{(string.IsNullOrWhiteSpace(agendaItem) ? "" : ", " + agendaItem)}), Antrag {ApplicationId}: ");
        }
        else
        {
            text.Append(invariant, $"Antrag {ApplicationId} ({how}): ");
        }

        text.Append(Outcome switch
        {
            ResolutionOutcome.Recommend => "Empfehlung zur Förderung.",
            ResolutionOutcome.RecommendWithConditions => $"Empfehlung zur Förderung mit Auflagen: {Conditions}",
            ResolutionOutcome.Reject => "Keine Empfehlung (abgelehnt).",
            _ => DeferralReason == Committee.DeferralReason.Objection
                ? "Vertagt auf die nächste Sitzung (Widerspruch gegen das Umlaufverfahren)."
                : "Vertagt auf die nächste Sitzung (nicht beschlussfähig).",
        });
        text.AppendLine();
        var who = Participants.Count == 0 ? "" : "; " + string.Join(", ", Participants.Select(p => p.AsDeputy ? $"{Name(p.PersonId)} (Vertretung für {Name(p.SeatMemberId)})" : Name(p.PersonId)));
        text.AppendLine(invariant, $"Teilnehmende: {Participants.Count} von {Seats} Stimmberechtigten (erforderlich: {QuorumRequired}){who}.");
        text.AppendLine(invariant, $"Abstimmung: {VotesFor} dafür, {VotesAgainst} dagegen, {German.Count(Abstentions, "Enthaltung", "Enthaltungen")}.");
        text.Append(Recusals.Count == 0
            ? "Befangenheit: keine."
            : $"Befangenheit: {string.Join("; ", Recusals.Select(r => $"{Name(r.PersonId)} ({r.Reason}, erklärt von {Name(r.DeclaredBy)})"))} – nicht mitgestimmt, nicht für die Beschlussfähigkeit gezählt.");
        if (Objections.Count > 0)
        {
            text.AppendLine();
            text.Append(invariant, $"Widerspruch: {string.Join(", ", Objections.Select(o => Name(o.PersonId)))}.");
        }

        return text.ToString();
    }

    private string Name(string personId) => Names.GetValueOrDefault(personId) is { Length: > 0 } name ? name : personId;
}
