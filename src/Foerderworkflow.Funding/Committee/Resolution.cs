using System.Globalization;
using System.Text;

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

    /// <summary>The minutes entry in German.</summary>
    public string ToMinutesText()
    {
        var text = new StringBuilder();
        var invariant = CultureInfo.InvariantCulture;
        text.Append(invariant, $"Antrag {ApplicationId} ({(Procedure == VotingProcedure.Session ? "Sitzung" : "Umlaufverfahren")}): ");
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
        text.AppendLine(invariant, $"Teilnehmende: {Participants.Count} von {Seats} Stimmberechtigten (erforderlich: {QuorumRequired}); {string.Join(", ", Participants.Select(p => p.AsDeputy ? $"{p.PersonId} (Vertretung für {p.SeatMemberId})" : p.PersonId))}.");
        text.AppendLine(invariant, $"Abstimmung: {VotesFor} dafür, {VotesAgainst} dagegen, {Abstentions} Enthaltungen.");
        text.Append(Recusals.Count == 0
            ? "Befangenheit: keine."
            : $"Befangenheit: {string.Join("; ", Recusals.Select(r => $"{r.PersonId} ({r.Reason}, erklärt von {r.DeclaredBy})"))} – nicht mitgestimmt, nicht für die Beschlussfähigkeit gezählt.");
        if (Objections.Count > 0)
        {
            text.AppendLine();
            text.Append(invariant, $"Widerspruch: {string.Join(", ", Objections.Select(o => o.PersonId))}.");
        }

        return text.ToString();
    }
}
